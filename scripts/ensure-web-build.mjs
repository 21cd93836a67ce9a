#!/usr/bin/env node
// Builds the web UI when web/dist is missing or older than its sources, so `npm start` serves a current UI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const built = join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const sources = [join(web, 'src'), join(root, 'contracts/src')];
const inputs = Math.max(
  ...sources.filter(existsSync).map(newest),
  ...['index.html', 'vite.config.ts'].map((f) => (existsSync(join(web, f)) ? statSync(join(web, f)).mtimeMs : 0)),
);
if (existsSync(built) && statSync(built).mtimeMs >= inputs) process.exit(0);
console.log('Building the web UI (web/dist)…');
const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
