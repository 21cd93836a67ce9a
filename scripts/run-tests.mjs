#!/usr/bin/env node
// `npm test`: static checks (dependency rule, Biome, TypeScript), the server/unit/DB/HTTP tests on SQLite, the DB
// tests again on PostgreSQL when YANGFAN_TEST_POSTGRES_URL is set, then the browser tests. Ends with the line
// `N passed, N failed` summed over every run (each failed static check counts as one failure).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules/.bin', name);
let passed = 0;
let failed = 0;
const lines = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  const ok = step(name, cmd, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? '✓' : '✗'} ${name}`);
}

function vitest(name, args, env = {}) {
  const file = join(out, `${name.replace(/\W+/g, '-')}.json`);
  step(name, bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${file}`], env);
  if (!existsSync(file)) {
    failed++;
    lines.push(`✗ ${name}: no results (the runner crashed)`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  lines.push(
    `${r.numFailedTests || r.numFailedTestSuites ? '✗' : '✓'} ${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
}

check('dependency rule', process.execPath, [join(root, 'scripts/check-deps.mjs')]);
check('biome', bin('biome'), ['check', '.']);
check('typescript', bin('tsc'), ['-p', 'server']);
check('typescript (web)', bin('tsc'), ['-p', 'web', '--noEmit']);
check('typescript (amazon-sim)', bin('tsc'), ['-p', 'amazon-sim', '--noEmit']);
vitest('server tests (SQLite)', ['--project', 'server']);
const pg = process.env.YANGFAN_TEST_POSTGRES_URL;
if (pg) vitest('DB tests (PostgreSQL)', ['--project', 'server', '.db.test.ts'], { TEST_DATABASE_URL: pg });
if (step('build web', process.execPath, [join(root, 'scripts/ensure-web-build.mjs')]))
  vitest('browser tests (Chromium)', ['--project', 'e2e']);
else {
  failed++;
  lines.push('✗ build web');
}

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
