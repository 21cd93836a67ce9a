import { Readable } from 'node:stream';
import { type Options, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../errors.js';

/** One data row of a CSV or Excel file: its 1-based line (row) number and its cells keyed by header. */
export interface TabularRow {
  line: number;
  cells: Record<string, string>;
}

export interface TabularFile {
  /** Headers as written in the file (trimmed, BOM removed). */
  headers: string[];
  rows: AsyncIterable<TabularRow>;
  format: 'csv' | 'xlsx';
  delimiter?: string;
  encoding?: string;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Detects the text encoding: BOMs first, then valid UTF-8, else GB18030 (what Chinese Excel writes). */
export function detectEncoding(head: Buffer, fallback = 'gb18030'): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // Trim a possibly cut multi-byte sequence at the end before testing validity.
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return fallback;
  }
}

/** Picks the delimiter that splits the header line into the most columns: comma, semicolon, tab or pipe. */
export function detectDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

async function readHead(stream: Readable, bytes: number): Promise<{ head: Buffer; rest: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = stream[Symbol.asyncIterator]();
  while (size < bytes) {
    const { value, done } = await it.next();
    if (done) break;
    const b = Buffer.isBuffer(value) ? value : Buffer.from(value as string);
    chunks.push(b);
    size += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* remaining() {
    yield head;
    for (;;) {
      const { value, done } = await it.next();
      if (done) return;
      yield value as Buffer;
    }
  }
  return { head, rest: Readable.from(remaining()) };
}

/**
 * Opens a CSV/TSV or XLSX file as a stream of rows keyed by header name. Tolerates BOMs, CRLF, GB18030 and
 * UTF-16, `;`/tab delimiters; refuses an empty file, an unreadable workbook and duplicate headers.
 */
export interface OpenOptions {
  /** Encoding of text files when the bytes are not UTF-8 (no BOM): default GB18030; Amazon files: Windows-1252, Shift_JIS. */
  fallbackEncoding?: string;
  /** Force an encoding (the user said so). */
  encoding?: string;
}

export async function openTabular(
  input: Readable | Buffer,
  fileName: string,
  opts: OpenOptions = {},
): Promise<TabularFile> {
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const { head, rest } = await readHead(stream, 64 * 1024);
  if (head.length === 0) throw new AppError('INVALID_INPUT', `${fileName} is empty`, { field: 'file' });
  if (head.subarray(0, 4).equals(XLSX_MAGIC) || /\.xlsx$/i.test(fileName)) return openXlsx(rest, fileName);
  return openCsv(rest, head, fileName, opts);
}

function checkHeaders(headers: string[], fileName: string): string[] {
  const cleaned = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
  if (cleaned.length === 0 || cleaned.every((h) => h === '')) {
    throw new AppError('INVALID_INPUT', `${fileName} has no header row`, { field: 'file' });
  }
  const seen = new Set<string>();
  for (const h of cleaned) {
    if (h === '') continue;
    const k = h.toLowerCase();
    if (seen.has(k)) throw new AppError('INVALID_INPUT', `${fileName}: column "${h}" appears twice`, { field: h });
    seen.add(k);
  }
  return cleaned;
}

async function openCsv(rest: Readable, head: Buffer, fileName: string, opts: OpenOptions): Promise<TabularFile> {
  const encoding = opts.encoding ?? detectEncoding(head, opts.fallbackEncoding);
  if (!iconv.encodingExists(encoding))
    throw new AppError('INVALID_INPUT', `Unknown encoding "${encoding}"`, { field: 'encoding' });
  const firstText = iconv.decode(head.subarray(0, 8192), encoding).replace(/^\uFEFF/, '');
  const headerLine = firstText.split(/\r?\n/)[0] ?? '';
  const delimiter = detectDelimiter(headerLine);
  const decoded = encoding === 'utf-8' ? rest : rest.pipe(iconv.decodeStream(encoding));
  // on_record tags each record with its line: half the cost of csv-parse's `info` objects on large files.
  const options: Options<{ record: string[]; line: number }, string[]> = {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Amazon's tab-separated flat files do not quote: a title starting with " is text, not a quoted field.
    ...(delimiter === '\t' ? { quote: false } : {}),
    skip_empty_lines: true,
    trim: true,
    on_record: (record, context) => ({ record, line: context.lines }),
  };
  // csv-parse types on_record results only as rows; the cast states what it really returns.
  const parser = decoded.pipe(parse(options as unknown as Options));
  const it = parser[Symbol.asyncIterator]();
  let first: { record: string[] } | undefined;
  try {
    const r = await it.next();
    first = r.done ? undefined : (r.value as { record: string[]; line: number });
  } catch (e) {
    throw new AppError('INVALID_INPUT', `${fileName} is not a readable CSV file: ${(e as Error).message}`, {
      field: 'file',
    });
  }
  if (!first) throw new AppError('INVALID_INPUT', `${fileName} is empty`, { field: 'file' });
  const headers = checkHeaders(first.record, fileName);
  async function* rows(): AsyncGenerator<TabularRow> {
    for (;;) {
      let r: IteratorResult<{ record: string[]; line: number }>;
      try {
        r = await it.next();
      } catch (e) {
        throw new AppError('INVALID_INPUT', `${fileName}: ${(e as Error).message}`, { field: 'file' });
      }
      if (r.done) return;
      const cells: Record<string, string> = {};
      r.value.record.forEach((v, i) => {
        const h = headers[i];
        if (h) cells[h] = v;
      });
      yield { line: r.value.line, cells };
    }
  }
  return { headers, rows: rows(), format: 'csv', delimiter, encoding };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v).trim();
}

async function openXlsx(rest: Readable, fileName: string): Promise<TabularFile> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(rest, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let sheet: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
  try {
    sheet = await sheets.next();
  } catch (e) {
    throw new AppError('INVALID_INPUT', `${fileName} is not a readable Excel workbook: ${(e as Error).message}`, {
      field: 'file',
    });
  }
  if (sheet.done) throw new AppError('INVALID_INPUT', `${fileName} has no worksheet`, { field: 'file' });
  const rowsIt = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  let headerRow: ExcelJS.Row | undefined;
  for (;;) {
    const r = await rowsIt.next();
    if (r.done) break;
    if (r.value.cellCount > 0) {
      headerRow = r.value;
      break;
    }
  }
  if (!headerRow) throw new AppError('INVALID_INPUT', `${fileName} is empty`, { field: 'file' });
  const rawHeaders: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    rawHeaders[col - 1] = cellText(cell.value);
  });
  const headers = checkHeaders(
    Array.from(rawHeaders, (h) => h ?? ''),
    fileName,
  );
  async function* rows(): AsyncGenerator<TabularRow> {
    for (;;) {
      const r = await rowsIt.next();
      if (r.done) return;
      const cells: Record<string, string> = {};
      let any = false;
      r.value.eachCell({ includeEmpty: false }, (cell, col) => {
        const h = headers[col - 1];
        if (!h) return;
        const text = cellText(cell.value);
        if (text !== '') any = true;
        cells[h] = text;
      });
      if (any) yield { line: r.value.number, cells };
    }
  }
  return { headers, rows: rows(), format: 'xlsx' };
}

/** Normalises a header for matching: lower case without spaces, dashes, underscores or dots. */
export function headerKey(h: string): string {
  return h.toLowerCase().replace(/[\s\-_.()（）]/g, '');
}

/**
 * Maps the file's headers to canonical column names through aliases (English and Chinese).
 * Returns the mapping and the list of required columns that are missing.
 */
export function mapColumns(
  headers: string[],
  spec: Record<string, { aliases: string[]; required?: boolean }>,
): { map: Map<string, string>; missing: string[]; unknown: string[] } {
  const byKey = new Map(headers.map((h) => [headerKey(h), h]));
  const map = new Map<string, string>();
  const used = new Set<string>();
  for (const [canonical, s] of Object.entries(spec)) {
    for (const alias of [canonical, ...s.aliases]) {
      const h = byKey.get(headerKey(alias));
      if (h && !used.has(h)) {
        map.set(canonical, h);
        used.add(h);
        break;
      }
    }
  }
  const missing = Object.entries(spec)
    .filter(([c, s]) => s.required && !map.has(c))
    .map(([c]) => c);
  return { map, missing, unknown: headers.filter((h) => h !== '' && !used.has(h)) };
}
