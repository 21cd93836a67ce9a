// The two UI languages stay in step: same keys, same placeholders, and every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/locales/en.json';
import zhCN from '../src/locales/zh-CN.json';
import { REPO_ROOT } from './harness';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const english = flatten(en as Tree);
const chinese = flatten(zhCN as Tree);

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty text and the same {{placeholders}} in both languages', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(chinese.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('define every literal key the UI code uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(REPO_ROOT, 'web/src'))) {
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(match[1] ?? '');
      for (const match of code.matchAll(/labelKey: '([\w.]+)'/g)) used.add(match[1] ?? '');
    }
    const plural = (key: string) => english.has(`${key}_one`) && english.has(`${key}_other`);
    const isTree = (key: string) => [...english.keys()].some((k) => k.startsWith(`${key}.`));
    const missing = [...used].filter((key) => !english.has(key) && !plural(key) && !isTree(key));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(200);
  });
});
