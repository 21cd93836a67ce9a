import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'check-deps.mjs');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'yf-deps-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}
const run = (root: string) => spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
const base = {
  'docs/architecture.md': '```depends\na:\nb: a\n```\n',
  'server/src/modules/a/index.ts': 'export const a = 1;\n',
  'server/src/modules/a/a.service.ts': 'export const s = 1;\n',
  'server/src/modules/b/index.ts': "import { a } from '../a/index.js';\nexport const b = a;\n",
  'server/src/platform/x.ts': 'export const x = 1;\n',
};

describe('dependency rule check', () => {
  it('passes a tree that follows the rule', () => {
    expect(run(tree(base)).status).toBe(0);
  });
  it('fails when a module imports another module’s internals', () => {
    const r = run(tree({ ...base, 'server/src/modules/b/b.service.ts': "import { s } from '../a/a.service.js';\n" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/use modules\/a\/index.ts/);
  });
  it('fails when platform imports a module, or a module imports against the declared graph', () => {
    const r = run(
      tree({
        ...base,
        'server/src/platform/y.ts': "import { a } from '../modules/a/index.js';\n",
        'server/src/modules/a/z.ts': "import { b } from '../b/index.js';\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/platform must not import/);
    expect(r.stderr).toMatch(/module a imports b, which docs\/architecture.md does not declare/);
  });
  it('fails when a SQL write sits outside a repository', () => {
    const r = run(
      tree({ ...base, 'server/src/modules/a/a.service.ts': "export const f = (db: any) => db.deleteFrom('x');\n" }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SQL writes belong in a repository/);
  });
});
