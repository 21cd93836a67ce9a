import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'rate-limits.tsv';

/** The amazon-sim package directory (the folder holding package.json). */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Finds the folder with Amazon's reference material (models/, rate-limits.tsv, marketplaces.json): the explicit
 * argument, else env AMAZON_SIM_SHARED_DIR (either `shared` or `shared/amazon`), else the first `shared/amazon`
 * met walking up from the package directory (covers `<repo>/../shared`, where CI puts a copy beside the clone).
 */
export function resolveSharedAmazonDir(explicit?: string): string {
  const given = explicit ?? process.env.AMAZON_SIM_SHARED_DIR;
  if (given) {
    const abs = resolve(given);
    for (const candidate of [abs, join(abs, 'amazon')]) if (existsSync(join(candidate, MARKER))) return candidate;
    throw new Error(`amazon-sim: ${abs} holds neither ${MARKER} nor amazon/${MARKER}`);
  }
  let dir = packageDir;
  for (;;) {
    const candidate = join(dir, 'shared', 'amazon');
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    'amazon-sim: cannot find shared/amazon (with rate-limits.tsv) above the package; set AMAZON_SIM_SHARED_DIR',
  );
}
