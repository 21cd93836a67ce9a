import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

export type ExportFormat = 'xlsx' | 'csv';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Streams a file of rows in pages: each row a record keyed by column title, in the order of `titles`.
 * xlsx through exceljs's streaming writer, CSV with a UTF-8 BOM so Excel opens Chinese text correctly.
 */
export function streamTable(
  format: ExportFormat,
  sheetName: string,
  titles: string[],
  pages: AsyncIterable<Record<string, unknown>[]>,
): Readable {
  const out = new PassThrough();
  (async () => {
    if (format === 'csv') {
      out.write('\uFEFF');
      const csv = stringify({ header: true, columns: titles });
      csv.pipe(out);
      for await (const page of pages)
        for (const r of page) if (!csv.write(r)) await new Promise((res) => csv.once('drain', res));
      csv.end();
      return;
    }
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = titles.map((t) => ({ header: t, key: t, width: Math.max(12, t.length + 2) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const page of pages) for (const r of page) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e as Error));
  return out;
}
