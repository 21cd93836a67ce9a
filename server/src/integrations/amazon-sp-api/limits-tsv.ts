import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** One operation of Amazon's published usage plans, as `shared/amazon/rate-limits.tsv` lists it. */
export interface OperationLimit {
  model: string;
  operationId: string;
  method: string;
  path: string;
  /** Requests per second; null where Amazon documents none. */
  rate: number | null;
  burst: number | null;
  deprecated: boolean;
}

/** The table key: the model file's stem and the operationId, e.g. `ordersV0/getOrders`. */
export function operationKey(model: string, operationId: string): string {
  const stem = model.replace(/^.*\//, '').replace(/\.json$/, '');
  return `${stem}/${operationId}`;
}

/** Parses rate-limits.tsv (header: model, operationId, method, path, rate_rps, burst, flag) into table rows. */
export function parseLimitsTsv(text: string): Record<string, OperationLimit> {
  const out: Record<string, OperationLimit> = {};
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (const line of lines.slice(1)) {
    const [model = '', operationId = '', method = '', path = '', rate = '', burst = '', flag = ''] = line.split('\t');
    out[operationKey(model, operationId)] = {
      model,
      operationId,
      method,
      path,
      rate: rate.trim() === '' ? null : Number(rate),
      burst: burst.trim() === '' ? null : Number(burst),
      deprecated: flag.trim() === 'deprecated',
    };
  }
  return out;
}

/** Finds shared/amazon (dev and test time only): env AMAZON_SIM_SHARED_DIR, else walking up from `from`. */
export function findSharedAmazonDir(from: string): string {
  const given = process.env.AMAZON_SIM_SHARED_DIR;
  if (given) {
    const abs = resolve(given);
    for (const c of [abs, join(abs, 'amazon')]) if (existsSync(join(c, 'rate-limits.tsv'))) return c;
  }
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'shared', 'amazon');
    if (existsSync(join(candidate, 'rate-limits.tsv'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find shared/amazon/rate-limits.tsv; set AMAZON_SIM_SHARED_DIR');
    dir = parent;
  }
}

/** Reads and parses the TSV of the shared folder found from `from`. */
export function readLimitsTsv(from: string): Record<string, OperationLimit> {
  return parseLimitsTsv(readFileSync(join(findSharedAmazonDir(from), 'rate-limits.tsv'), 'utf8'));
}
