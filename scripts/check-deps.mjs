#!/usr/bin/env node
// Fails the build when the dependency rule of docs/architecture.md is broken:
//  - platform/ imports no module, flow, integration or entrypoint;
//  - a module imports another module only through its index.ts, and only along the graph declared in
//    docs/architecture.md (the ```depends block), which must be acyclic and list every module folder;
//  - SQL writes (insertInto/updateTable/deleteFrom) appear only in repositories, the audit writer, the job
//    store and migrations, so every business write goes through a repository and its operation-log record;
//  - contracts/ and web/ never import server code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ? resolve(process.argv[2]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'server/src');
const problems = [];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const importRe = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(importRe)) out.push(m[1] ?? m[2]);
  return out;
}
const resolveTs = (file, spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts');

// The declared module graph.
const arch = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
const block = /```depends\n([\s\S]*?)```/.exec(arch);
if (!block) problems.push('docs/architecture.md has no ```depends block declaring the module graph');
const graph = new Map();
for (const line of (block?.[1] ?? '').split('\n')) {
  const m = /^([a-z-]+):\s*(.*)$/.exec(line.trim());
  if (m)
    graph.set(
      m[1],
      m[2]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
}
const moduleDirs = readdirSync(join(src, 'modules')).filter((d) => statSync(join(src, 'modules', d)).isDirectory());
for (const d of moduleDirs)
  if (!graph.has(d)) problems.push(`module ${d} is missing from the depends block of docs/architecture.md`);
for (const d of graph.keys())
  if (!moduleDirs.includes(d)) problems.push(`docs/architecture.md declares module ${d}, which does not exist`);
// Acyclic?
const state = new Map();
function visit(m, path) {
  if (state.get(m) === 'done') return;
  if (state.get(m) === 'active') {
    problems.push(`module graph has a cycle: ${[...path, m].join(' → ')}`);
    return;
  }
  state.set(m, 'active');
  for (const d of graph.get(m) ?? []) visit(d, [...path, m]);
  state.set(m, 'done');
}
for (const m of graph.keys()) visit(m, []);

const WRITE = /\.(insertInto|updateTable|deleteFrom)\(/;
const writeAllowed = (rel) =>
  /\.repository\.ts$/.test(rel) ||
  rel === 'platform/audit.ts' ||
  rel.startsWith('platform/jobs/') ||
  rel.startsWith('platform/rate-limit/') ||
  /\.test\.ts$/.test(rel);

for (const file of walk(src)) {
  const rel = relative(src, file).split(sep).join('/');
  const [area, mod] = rel.split('/');
  for (const spec of importsOf(file)) {
    if (!spec.startsWith('.')) continue;
    const target = relative(src, resolveTs(file, spec)).split(sep).join('/');
    const [tArea, tMod] = target.split('/');
    if (area === 'platform' && ['modules', 'flows', 'integrations', 'entrypoints'].includes(tArea)) {
      problems.push(`${rel}: platform must not import ${target}`);
    }
    if (area === 'modules' && tArea === 'entrypoints')
      problems.push(`${rel}: a module must not import an entrypoint (${target})`);
    if (area === 'modules' && tArea === 'flows') problems.push(`${rel}: a module must not import a flow (${target})`);
    if (area === 'modules' && tArea === 'modules' && tMod !== mod) {
      if (target !== `modules/${tMod}/index.ts`)
        problems.push(`${rel}: imports ${target}; use modules/${tMod}/index.ts`);
      if (!(graph.get(mod) ?? []).includes(tMod))
        problems.push(`${rel}: module ${mod} imports ${tMod}, which docs/architecture.md does not declare`);
    }
    if (
      (area === 'flows' || area === 'entrypoints' || area === 'integrations') &&
      tArea === 'modules' &&
      target.split('/').length > 3 &&
      !target.endsWith('/index.ts')
    ) {
      problems.push(`${rel}: imports module internals ${target}; use modules/${tMod}/index.ts`);
    }
  }
  if (!writeAllowed(rel) && WRITE.test(readFileSync(file, 'utf8')))
    problems.push(`${rel}: SQL writes belong in a repository (so they are logged)`);
}

for (const [dir, forbidden] of [
  ['contracts/src', /server\//],
  ['web/src', /(^|\/)server\//],
]) {
  let files = [];
  try {
    files = walk(join(root, dir));
  } catch {
    continue;
  }
  for (const file of files)
    for (const spec of importsOf(file))
      if (forbidden.test(spec)) problems.push(`${relative(root, file)}: must not import ${spec}`);
}

if (problems.length) {
  console.error(`Dependency rule broken (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `dependency rule OK: ${moduleDirs.length} modules, graph ${[...graph].map(([m, d]) => `${m}→[${d.join(',')}]`).join(' ')}`,
);
