import type { Readable } from 'node:stream';
import cliProgress from 'cli-progress';
import { importAmazonReport } from '../modules/sync/index.js';
import { AppError } from '../platform/errors.js';
import { cliContext, printImportReport } from './cli-commands.js';
import type { Runtime } from './runtime.js';

/** `yangfan store test`, `yangfan sync` and `yangfan import`: the Amazon side of the CLI. */

async function storeOf(rt: Runtime, nameOrId: string) {
  const { principal } = await cliContext(rt);
  const s = await rt.services.stores.findByNameOrId(principal.companyId, nameOrId);
  if (!s) throw new AppError('NOT_FOUND', `No store named or with id "${nameOrId}"`);
  return s;
}

/** Calls sellers/marketplaceParticipations with the store's credentials; false when anything is wrong. */
export async function cliTestStore(rt: Runtime, nameOrId: string): Promise<boolean> {
  const { principal } = await cliContext(rt);
  const s = await storeOf(rt, nameOrId);
  const r = await rt.services.sync.testConnection(principal, s.id);
  for (const p of r.participations)
    process.stdout.write(`${p.isParticipating ? '✓' : '·'} ${p.countryCode.padEnd(3)} ${p.marketplaceId} ${p.name}\n`);
  if (r.error)
    process.stdout.write(
      `✗ ${r.error.code}: ${r.error.message}${r.error.requestId ? ` (request ${r.error.requestId})` : ''}\n`,
    );
  process.stdout.write(`${r.ok ? 'connection OK' : 'connection FAILED'} in ${r.latencyMs} ms\n`);
  return r.ok;
}

/**
 * Runs data types of a store now, in this process, with a progress bar each; `since` re-syncs from that day.
 * Returns false when any data type failed (its error and Amazon request id are printed).
 */
export async function cliSync(rt: Runtime, o: { store: string; only?: string; since?: string }): Promise<boolean> {
  const { principal, meta } = await cliContext(rt);
  const s = await storeOf(rt, o.store);
  const known = rt.services.sync.dataTypes();
  const only = (o.only ?? known.join(','))
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const dt of only)
    if (!known.includes(dt))
      throw new AppError('INVALID_INPUT', `Unknown data type "${dt}"; known: ${known.join(', ')}`);
  if (o.since && !/^\d{4}-\d{2}-\d{2}$/.test(o.since))
    throw new AppError('INVALID_INPUT', `--since "${o.since}" is not a date YYYY-MM-DD`);
  // In registry order: history before live.
  const dataTypes = known.filter((dt) => only.includes(dt));
  if (!s.hasCredentials) throw new AppError('INVALID_INPUT', `Store ${s.name} has no Amazon credentials`);
  await rt.services.sync.ensureStates(principal.companyId, s.id);
  if (o.since) await rt.services.sync.trigger(principal, meta, s.id, { dataTypes, since: o.since }, 'cli');
  let ok = true;
  for (const dataType of dataTypes) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${dataType.padEnd(16)} [{bar}] {percentage}% | {message}`,
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, 0, { message: 'starting' });
    let rows = 0;
    let result: Awaited<ReturnType<typeof rt.services.sync.runSync>>;
    for (;;) {
      result = await rt.services.sync.runSync(
        { companyId: principal.companyId, storeId: s.id, dataType, trigger: 'cli' },
        { onProgress: (percent, message) => bar.update(percent, { message }) },
      );
      rows += result.rows;
      if (result.status !== 'deferred') break;
      // Another data type holds the seller's quota: wait for it here, as the scheduler would.
      const waitMs = Math.max(1000, (result.retryAt ?? Date.now()) - rt.clock.now());
      bar.update(0, { message: `waiting ${Math.ceil(waitMs / 1000)} s for Amazon's quota` });
      await new Promise((r) => setTimeout(r, waitMs));
    }
    result = { ...result, rows };
    bar.update(result.status === 'ok' ? 100 : 0, { message: result.status });
    bar.stop();
    if (result.status === 'ok') process.stdout.write(`${dataType}: OK, ${result.rows} rows\n`);
    else if (result.status === 'busy') process.stdout.write(`${dataType}: already running in another process\n`);
    else {
      ok = false;
      const e = result.error;
      process.stdout.write(
        `${dataType}: FAILED ${e?.code}: ${e?.message}${e?.requestId ? ` (Amazon request ${e.requestId})` : ''}\n`,
      );
    }
  }
  return ok;
}

/** Imports an Amazon report file into a store (dry run by flag); false when the file was rejected. */
export async function cliImportReport(
  rt: Runtime,
  o: { store: string; type: string; dryRun: boolean; encoding?: string; stream: Readable; fileName: string },
): Promise<boolean> {
  const { principal, meta } = await cliContext(rt);
  const s = await storeOf(rt, o.store);
  const bar = new cliProgress.SingleBar(
    { format: 'reading {value} rows | {duration}s', stream: process.stderr, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0);
  try {
    const report = await importAmazonReport(
      rt.reportImport,
      principal,
      { ...meta, source: 'import' },
      {
        storeId: s.id,
        reportType: o.type,
        file: o.stream,
        fileName: o.fileName,
        dryRun: o.dryRun,
        encoding: o.encoding,
        onProgress: (n) => bar.update(n),
      },
    );
    bar.stop();
    printImportReport(report);
    return report.status === 'ok';
  } finally {
    bar.stop();
  }
}
