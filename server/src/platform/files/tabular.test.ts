import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { detectDelimiter, mapColumns, openTabular } from './tabular.js';

async function collect(buf: Buffer, name = 'f.csv') {
  const f = await openTabular(buf, name);
  const rows = [];
  for await (const r of f.rows) rows.push(r);
  return { f, rows };
}

describe('tabular files', () => {
  it('reads CSV with a BOM and Windows line endings, keyed by header, with line numbers', async () => {
    const { f, rows } = await collect(Buffer.from('\uFEFFsku,name\r\nA-1,"Cup, blue"\r\n\r\nB-2,Plate\r\n'));
    expect(f.headers).toEqual(['sku', 'name']);
    expect(rows).toEqual([
      { line: 2, cells: { sku: 'A-1', name: 'Cup, blue' } },
      { line: 4, cells: { sku: 'B-2', name: 'Plate' } },
    ]);
  });

  it('detects semicolon and tab delimiters', async () => {
    expect(detectDelimiter('a;b;"c;d"')).toBe(';');
    const { rows } = await collect(Buffer.from('sku\tprice\nA\t1,50\n'));
    expect(rows[0]?.cells).toEqual({ sku: 'A', price: '1,50' });
  });

  it('decodes GB18030 files written by Chinese Excel', async () => {
    const { f, rows } = await collect(iconv.encode('SKU,品名\nA-1,蓝色杯子\n', 'gb18030'));
    expect(f.encoding).toBe('gb18030');
    expect(rows[0]?.cells.品名).toBe('蓝色杯子');
  });

  it('reads the first worksheet of an xlsx workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Products');
    ws.addRow(['sku', 'launch date', 'cost']);
    ws.addRow(['A-1', new Date(Date.UTC(2026, 0, 15)), 12.5]);
    ws.addRow([]);
    ws.addRow(['B-2', '2026-02-01', '3']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { f, rows } = await collect(buf, 'products.xlsx');
    expect(f.format).toBe('xlsx');
    expect(rows).toEqual([
      { line: 2, cells: { sku: 'A-1', 'launch date': '2026-01-15', cost: '12.5' } },
      { line: 4, cells: { sku: 'B-2', 'launch date': '2026-02-01', cost: '3' } },
    ]);
  });

  it('refuses empty files, duplicate headers and broken workbooks with a clear error', async () => {
    await expect(collect(Buffer.from(''))).rejects.toThrow(/empty/);
    await expect(collect(Buffer.from('sku,SKU\n1,2\n'))).rejects.toThrow(/appears twice/);
    await expect(collect(Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx')).rejects.toBeInstanceOf(AppError);
  });

  it('maps headers through aliases and reports missing required columns', () => {
    const r = mapColumns(['Seller SKU', '价格', 'extra'], {
      sellerSku: { aliases: ['seller-sku', 'msku'], required: true },
      price: { aliases: ['价格'] },
      asin: { aliases: [], required: true },
    });
    expect(r.map.get('sellerSku')).toBe('Seller SKU');
    expect(r.map.get('price')).toBe('价格');
    expect(r.missing).toEqual(['asin']);
    expect(r.unknown).toEqual(['extra']);
  });
});
