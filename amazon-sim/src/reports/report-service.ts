import { gzipSync } from 'node:zlib';
import { applyDocumentFault, corruptRows, type FaultInjector } from '../faults.ts';
import { DAY_MS, HOUR_MS } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { encodeWindows1252 } from './flat-file.ts';
import { type GeneratedDocument, generateDocument, isCompressed } from './report-generators.ts';

/**
 * The reports of every seller: requested reports move IN_QUEUE → IN_PROGRESS → DONE on the virtual clock (30 s and
 * 60 s after creation), settlement reports are pre-generated every 14 days per marketplace, documents are generated
 * once from the scenario as of the report's creation and served by a short-lived URL.
 */

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** Virtual time from creation to IN_PROGRESS and to DONE [I]. */
export const QUEUE_MS = 30_000;
export const PROCESSING_DONE_MS = 60_000;
/** Length of a settlement period, and how long after its end the report appears [I]. */
export const SETTLEMENT_PERIOD_MS = 14 * DAY_MS;
export const SETTLEMENT_DELAY_MS = HOUR_MS;

export const SETTLEMENT_V2 = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
/** Settlement flat files generated for every period: V2 and the older layout. */
export const SETTLEMENT_TYPES = [SETTLEMENT_V2, 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'] as const;

export interface ReportRecord {
  reportId: string;
  sellerId: string;
  region: string;
  reportType: string;
  marketplaceIds: string[];
  dataStartTime: number;
  dataEndTime: number;
  reportOptions?: Record<string, string>;
  createdTime: number;
  reportScheduleId?: string;
  cancelledAt?: number;
  /** Why the report failed (FATAL once processed). */
  fatal?: string;
  /** Settlement reports: DONE from their creation (notified only when created during the run). */
  pregenerated?: { settlementId: string; marketplaceIndex: number };
  reportDocumentId: string;
  notified: boolean;
}

interface StoredDocument {
  record: ReportRecord;
  bytes?: Buffer;
  contentType?: string;
}

export type ReportNotifier = (record: ReportRecord, status: ProcessingStatus) => void;

/** Reports and their documents, for all sellers of a scenario. */
export class ReportsService {
  private readonly reports = new Map<string, ReportRecord>();
  private readonly documents = new Map<string, StoredDocument>();
  private readonly settlementsUpTo = new Map<string, number>();
  private counter = 0;
  private readonly idBase: number;
  /** Set when the notifications publisher is wired (REPORT_PROCESSING_FINISHED). */
  notifier?: ReportNotifier;
  /** The run's fault injector (`gzip`, `rows` rules), taken from the handler context of getReportDocument. */
  faults?: FaultInjector;

  constructor(
    readonly scenario: Scenario,
    private readonly regionOf: (sellerId: string) => string,
  ) {
    this.idBase = 50_000_000_000 + (hash32(scenario.seed, 'report-ids') % 1_000_000) * 10_000;
  }

  /** Status of a report at `now`. */
  statusOf(record: ReportRecord, now: number): ProcessingStatus {
    if (record.pregenerated) return 'DONE';
    if (record.cancelledAt !== undefined) return 'CANCELLED';
    if (now < record.createdTime + QUEUE_MS) return 'IN_QUEUE';
    if (now < record.createdTime + PROCESSING_DONE_MS) return 'IN_PROGRESS';
    return record.fatal ? 'FATAL' : 'DONE';
  }

  /** Records a requested report (FATAL later when `fatal` is given). */
  create(input: Omit<ReportRecord, 'reportId' | 'region' | 'reportDocumentId' | 'notified'>): ReportRecord {
    const reportId = String(this.idBase + ++this.counter);
    const record: ReportRecord = {
      ...input,
      reportId,
      region: this.regionOf(input.sellerId),
      reportDocumentId: this.documentIdOf(reportId, input.sellerId),
      notified: false,
    };
    this.reports.set(reportId, record);
    this.documents.set(record.reportDocumentId, { record });
    return record;
  }

  /** A report by id, if it belongs to the seller. */
  get(sellerId: string, reportId: string): ReportRecord | undefined {
    this.ensureSettlements(sellerId);
    const r = this.reports.get(reportId);
    return r && r.sellerId === sellerId ? r : undefined;
  }

  /** All reports of a seller, newest first (settlement reports up to now included). */
  list(sellerId: string): ReportRecord[] {
    this.ensureSettlements(sellerId);
    return [...this.reports.values()]
      .filter((r) => r.sellerId === sellerId)
      .sort((a, b) => b.createdTime - a.createdTime || (a.reportId < b.reportId ? 1 : -1));
  }

  /** Cancels a report still IN_QUEUE; false otherwise. */
  cancel(record: ReportRecord, now: number): boolean {
    if (this.statusOf(record, now) !== 'IN_QUEUE') return false;
    record.cancelledAt = now;
    this.sweep(now);
    return true;
  }

  /** Publishes REPORT_PROCESSING_FINISHED for every report that finished since the last sweep. */
  sweep(now: number): void {
    for (const seller of this.scenario.sellers()) this.ensureSettlements(seller.sellerId);
    for (const r of this.reports.values()) {
      if (r.notified) continue;
      const status = this.statusOf(r, now);
      if (status !== 'DONE' && status !== 'FATAL' && status !== 'CANCELLED') continue;
      r.notified = true;
      this.notifier?.(r, status);
    }
  }

  /** The document record for an id, if it belongs to the seller and its report is finished. */
  document(sellerId: string, documentId: string, now: number): ReportRecord | undefined {
    const doc = this.documents.get(documentId);
    if (!doc || doc.record.sellerId !== sellerId) return undefined;
    const status = this.statusOf(doc.record, now);
    return status === 'DONE' || status === 'FATAL' ? doc.record : undefined;
  }

  /** Whether a document is served gzip-compressed. */
  compressed(record: ReportRecord): boolean {
    return !record.fatal && isCompressed(record.reportType);
  }

  /** The bytes and Content-Type of a document (generated once, deterministically). */
  contentOf(documentId: string): { bytes: Buffer; contentType: string } | undefined {
    const doc = this.documents.get(documentId);
    if (!doc) return undefined;
    if (!doc.bytes || !doc.contentType) {
      const generated = this.generate(doc.record);
      // Injected faults are applied once, when the document is stored (malformed rows, broken gzip).
      const text = generated.contentType === 'text/plain' ? corruptRows(generated.body, this.faults) : generated.body;
      const raw = generated.charset === 'windows-1252' ? encodeWindows1252(text) : Buffer.from(text, 'utf8');
      const bytes = this.compressed(doc.record) ? gzipSync(raw, { level: 6 }) : raw;
      doc.bytes = Buffer.from(applyDocumentFault(bytes, this.faults));
      doc.contentType = `${generated.contentType}; charset=${generated.charset}`;
    }
    return { bytes: doc.bytes, contentType: doc.contentType };
  }

  /** Signature of a document URL valid until `expires`. */
  sign(documentId: string, expires: number): string {
    return hash32(`${this.scenario.seed}:document-url`, `${documentId}|${expires}`).toString(16).padStart(8, '0');
  }

  private generate(record: ReportRecord): GeneratedDocument {
    if (record.fatal) {
      return {
        body: JSON.stringify({ errorDetails: record.fatal }),
        contentType: 'application/json',
        charset: 'UTF-8',
      };
    }
    const seller = this.scenario.seller(record.sellerId);
    if (!seller) throw new Error(`amazon-sim reports: unknown seller ${record.sellerId}`);
    return generateDocument({ scenario: this.scenario, seller, record });
  }

  private documentIdOf(reportId: string, sellerId: string): string {
    const h = (part: string) =>
      hash32(`${this.scenario.seed}:doc`, `${reportId}|${part}`).toString(16).padStart(8, '0');
    const u = `${h('a')}-${h('b').slice(0, 4)}-4${h('b').slice(5, 8)}-a${h('c').slice(1, 4)}-${h('c').slice(4)}${h('d')}`;
    return `amzn1.spdoc.1.4.${this.regionOf(sellerId)}.${u}`;
  }

  /** Creates the settlement reports of every period that closed by now (once per period and marketplace). */
  private ensureSettlements(sellerId: string): void {
    const seller = this.scenario.seller(sellerId);
    if (!seller) return;
    const now = this.scenario.now();
    const first = this.scenario.historyStart();
    const done = this.settlementsUpTo.get(sellerId) ?? 0;
    let k = done;
    for (; first + (k + 1) * SETTLEMENT_PERIOD_MS + SETTLEMENT_DELAY_MS <= now; k++) {
      const start = first + k * SETTLEMENT_PERIOD_MS;
      const end = start + SETTLEMENT_PERIOD_MS;
      seller.catalog.marketplaces.forEach((m, index) => {
        const key = `${sellerId}|${m.marketplaceId}|${k}`;
        const settlementId = String(10_000_000_000 + hash32(`${this.scenario.seed}:settlement`, key));
        SETTLEMENT_TYPES.forEach((reportType, t) => {
          const reportId = String(60_000_000_000 + (hash32(`${this.scenario.seed}:settlement-report`, key, t) % 1e9));
          const record: ReportRecord = {
            reportId,
            sellerId,
            region: this.regionOf(sellerId),
            reportType,
            marketplaceIds: [m.marketplaceId],
            dataStartTime: start,
            dataEndTime: end,
            createdTime: end + SETTLEMENT_DELAY_MS,
            pregenerated: { settlementId, marketplaceIndex: index },
            reportDocumentId: this.documentIdOf(reportId, sellerId),
            // Settlements closing while the simulator runs are announced; the history's are not.
            notified: end + SETTLEMENT_DELAY_MS <= this.scenario.startMs,
          };
          this.reports.set(reportId, record);
          this.documents.set(record.reportDocumentId, { record });
        });
      });
    }
    this.settlementsUpTo.set(sellerId, k);
  }
}
