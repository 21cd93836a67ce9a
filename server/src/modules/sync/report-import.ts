import type { Readable } from 'node:stream';
import type { ImportError, ImportReport } from '@yangfan/contracts';
import { runWrite } from '../../platform/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { openTabular } from '../../platform/files/tabular.js';
import type { WriteMeta } from '../iam/index.js';
import type { StoresService } from '../stores/index.js';
import type { ReportImporter, SyncTarget } from './sync-handler.js';

/**
 * Manual import of an Amazon report file (downloaded from Seller Central or saved from the API), through the same
 * parsers as the sync. Atomic per file: one transaction, and a file with any rejected row writes nothing. A dry run
 * does the whole import in a transaction that is rolled back, so its counts are exactly what the real run would do.
 * Importing the same file twice changes nothing the second time (upserts on Amazon's keys).
 */

export interface ReportImportDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
  importers: readonly ReportImporter[];
  targetOf(companyId: string, store: Awaited<ReturnType<StoresService['getForSystem']>>): SyncTarget;
}

/** Report types the registered importers read. */
export function importableReportTypes(importers: readonly ReportImporter[]): string[] {
  return importers.flatMap((i) => [...i.reportTypes]);
}

export interface ReportImportInput {
  storeId: string;
  reportType: string;
  file: Readable | Buffer;
  fileName: string;
  dryRun: boolean;
  /** Force a text encoding (e.g. windows-1252, shift_jis); default: UTF-8 unless the bytes say otherwise. */
  encoding?: string | undefined;
  onProgress?: (rows: number) => void;
}

class DryRunRollback extends Error {}
const MAX_ERRORS = 1000;

/** Imports one report file into a store. */
export async function importAmazonReport(
  deps: ReportImportDeps,
  p: Principal,
  meta: WriteMeta,
  input: ReportImportInput,
): Promise<ImportReport> {
  const importer = deps.importers.find((i) => i.reportTypes.includes(input.reportType));
  if (!importer)
    throw new AppError(
      'INVALID_INPUT',
      `Unknown report type "${input.reportType}"; this version imports ${importableReportTypes(deps.importers).join(', ')}`,
      { field: 'type' },
    );
  deps.stores.assertInScope(p, input.storeId);
  const store = await deps.stores.getForSystem(p.companyId, input.storeId);
  const target = deps.targetOf(p.companyId, store);
  const marketplaces = target.marketplaces;
  // Seller Central writes Japanese files in Shift_JIS and older EU/US files in Windows-1252 when not UTF-8.
  const fallbackEncoding = marketplaces.some((m) => m.code === 'JP') ? 'shift_jis' : 'windows-1252';
  const file = await openTabular(input.file, input.fileName, {
    fallbackEncoding,
    ...(input.encoding ? { encoding: input.encoding } : {}),
  });
  const report: ImportReport = {
    kind: input.reportType,
    dryRun: input.dryRun,
    fileName: input.fileName,
    status: 'ok',
    rowsTotal: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
  };
  const missing = importer.missingColumns(file.headers);
  if (missing.length > 0) {
    report.status = 'rejected';
    report.errors = missing.map(
      (c): ImportError => ({
        line: 1,
        column: c,
        reason: `The file has no "${c}" column (is this an all-orders report?)`,
      }),
    );
    // Drain the stream so the upload is consumed.
    for await (const _ of file.rows);
    return report;
  }
  try {
    await runWrite(deps.db, { ...meta, clock: deps.clock }, async (ctx) => {
      for await (const batch of importer.parse(file.rows, target)) {
        report.rowsTotal += batch.rows;
        input.onProgress?.(report.rowsTotal);
        for (const e of batch.errors) if (report.errors.length < MAX_ERRORS) report.errors.push(e);
        if (report.errors.length > 0) continue; // keep reading to report every bad row; nothing will be kept
        const out = await importer.write(ctx, target, batch.records);
        report.created += out.created;
        report.updated += out.updated;
        report.unchanged += out.unchanged;
      }
      if (report.errors.length > 0 || input.dryRun) throw new DryRunRollback();
      await ctx.record({
        module: 'sync',
        entity: 'import',
        entityId: store.id,
        action: 'import',
        summary: `${input.reportType} ${input.fileName}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
      });
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  if (report.errors.length > 0) {
    report.status = 'rejected';
    report.created = 0;
    report.updated = 0;
    report.unchanged = 0;
  }
  return report;
}
