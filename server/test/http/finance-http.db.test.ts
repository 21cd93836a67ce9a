import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEventLines } from '../../src/modules/finance/finance.repository.js';
import { type FinancialEventsV0, mapFinancialEvents } from '../../src/modules/finance/financial-events-mapper.js';
import { runWrite } from '../../src/platform/audit.js';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

/**
 * The finance module over HTTP: settlement, reimbursement and storage fee files through the manual import (dry run,
 * idempotent re-import, EU conventions, a bad row rejecting its file), and the finance reads under data scopes (a user
 * of store A reads neither store B's events, nor its order fees, nor its settlements).
 */

let t: TestApp;
let admin: Session;
const V2 = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const url = (storeId: string, dryRun: boolean, type = V2) =>
  `/api/sync/import?storeId=${storeId}&type=${type}&dryRun=${dryRun}`;

const HEADER = [
  'settlement-id',
  'settlement-start-date',
  'settlement-end-date',
  'deposit-date',
  'total-amount',
  'currency',
  'transaction-type',
  'order-id',
  'marketplace-name',
  'amount-type',
  'amount-description',
  'amount',
  'fulfillment-id',
  'posted-date',
  'posted-date-time',
  'order-item-code',
  'sku',
  'quantity-purchased',
];
type Row = Partial<Record<string, string>>;
const file = (rows: Row[], eol = '\n', bom = '') =>
  bom + [HEADER.join('\t'), ...rows.map((r) => HEADER.map((h) => r[h] ?? '').join('\t'))].join(eol) + eol;

const usSettlement = file([
  {
    'settlement-id': '5001',
    'settlement-start-date': '2026-11-01 00:00:00 UTC',
    'settlement-end-date': '2026-11-15 00:00:00 UTC',
    'deposit-date': '2026-11-17 08:00:00 UTC',
    'total-amount': '25.49',
    currency: 'USD',
  },
  {
    'settlement-id': '5001',
    'transaction-type': 'Order',
    'order-id': '111-0000001-0000001',
    'marketplace-name': 'Amazon.com',
    'amount-type': 'ItemPrice',
    'amount-description': 'Principal',
    amount: '39.98',
    'posted-date-time': '2026-11-03 10:00:00 UTC',
    sku: 'LAMP-01',
    'quantity-purchased': '2',
  },
  {
    'settlement-id': '5001',
    'transaction-type': 'Order',
    'order-id': '111-0000001-0000001',
    'marketplace-name': 'Amazon.com',
    'amount-type': 'ItemFees',
    'amount-description': 'Commission',
    amount: '-6.00',
    'posted-date-time': '2026-11-03 10:00:00 UTC',
    sku: 'LAMP-01',
  },
  {
    'settlement-id': '5001',
    'transaction-type': 'Order',
    'order-id': '111-0000001-0000001',
    'marketplace-name': 'Amazon.com',
    'amount-type': 'ItemFees',
    'amount-description': 'FBAPerUnitFulfillmentFee',
    amount: '-8.49',
    'posted-date-time': '2026-11-03 10:00:00 UTC',
    sku: 'LAMP-01',
  },
]);
const euSettlement = file(
  [
    {
      'settlement-id': '6001',
      'settlement-start-date': '01.11.2026 00:00:00 UTC',
      'settlement-end-date': '15.11.2026 00:00:00 UTC',
      'deposit-date': '17.11.2026 00:00:00 UTC',
      'total-amount': '1.210,50',
      currency: 'EUR',
    },
    {
      'settlement-id': '6001',
      'transaction-type': 'Order',
      'order-id': '302-0000001-0000001',
      'marketplace-name': 'Amazon.de',
      'amount-type': 'ItemPrice',
      'amount-description': 'Principal',
      amount: '1.250,00',
      'posted-date': '03.11.2026',
      'posted-date-time': '03.11.2026 23:30:00 UTC',
    },
    {
      'settlement-id': '6001',
      'transaction-type': 'other-transaction',
      'amount-type': 'other-transaction',
      'amount-description': 'Storage Fee',
      amount: '-39,50',
      'posted-date-time': '07.11.2026 12:00:00 UTC',
    },
  ],
  '\r\n',
  '\uFEFF',
);

beforeAll(async () => {
  t = await startTestApp();
  admin = await login(t, 'admin');
});
afterAll(async () => t.close());

describe('settlement import', () => {
  it('dry run writes nothing; the real run writes; a re-import changes nothing', async () => {
    const dry = (await upload(t, admin, url(t.seed.storeIds.us, true), 's.txt', usSettlement)).json();
    expect(dry).toMatchObject({ status: 'ok', dryRun: true, created: 1, errors: [] });
    expect((await admin.req('GET', '/api/finance/settlements')).json().total).toBe(0);
    const real = (await upload(t, admin, url(t.seed.storeIds.us, false), 's.txt', usSettlement)).json();
    expect(real).toMatchObject({ status: 'ok', created: 1, updated: 0 });
    const again = (await upload(t, admin, url(t.seed.storeIds.us, false), 's.txt', usSettlement)).json();
    expect(again).toMatchObject({ status: 'ok', created: 0, updated: 0, unchanged: 1 });
    const eu = (await upload(t, admin, url(t.seed.storeIds.eu, false), 'eu.txt', euSettlement)).json();
    expect(eu).toMatchObject({ status: 'ok', created: 1 });

    const list = (await admin.req('GET', '/api/finance/settlements?sort=endAt:asc')).json();
    expect(list.total).toBe(2);
    const us = list.rows.find((r: { settlementId: string }) => r.settlementId === '5001');
    expect(us).toMatchObject({
      currency: 'USD',
      total: '25.49',
      lines: 3,
      marketplaceId: 'ATVPDKIKX0DER',
      source: 'import',
    });
    // Deposit at 08:00 UTC on the 17th is still the 17th in Los Angeles (00:00).
    expect(us.depositDate).toBe('2026-11-17');
    const detail = (await admin.req('GET', '/api/finance/settlements/6001')).json();
    expect(detail).toMatchObject({ total: '1210.50', currency: 'EUR', marketplaceId: 'A1PA6795UKMFR9' });
    expect(detail.lineItems.map((l: { amount: string; postedDate: string }) => [l.amount, l.postedDate])).toEqual([
      ['1250.00', '2026-11-04'],
      ['-39.50', '2026-11-07'],
    ]);
    expect(detail.byType).toEqual(
      expect.arrayContaining([expect.objectContaining({ amountType: 'ItemPrice', amount: '1250.00', lines: 1 })]),
    );
  });

  it('a changed settlement file replaces its lines; a bad row rejects the file with its line', async () => {
    const changed = usSettlement.replace('-8.49', '-8.50').replace('25.49', '25.48');
    const res = (await upload(t, admin, url(t.seed.storeIds.us, false), 's2.txt', changed)).json();
    expect(res).toMatchObject({ status: 'ok', updated: 1 });
    const d = (await admin.req('GET', '/api/finance/settlements/5001')).json();
    expect(d.lineItems).toHaveLength(3);
    expect(d.total).toBe('25.48');
    const bad = usSettlement.replace('5001', '5002').replaceAll('5001', '5002').replace('-6.00', 'six');
    const rejected = (await upload(t, admin, url(t.seed.storeIds.us, false), 'bad.txt', bad)).json();
    expect(rejected.status).toBe('rejected');
    expect(rejected.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([[4, 'amount']]);
    expect((await admin.req('GET', '/api/finance/settlements/5002')).statusCode).toBe(404);
  });

  it('imports FBA reimbursements and storage fees idempotently', async () => {
    const reimbursements = [
      'approval-date\treimbursement-id\tcase-id\tamazon-order-id\treason\tsku\tfnsku\tasin\tproduct-name\tcondition\tcurrency-unit\tamount-per-unit\tamount-total\tquantity-reimbursed-cash\tquantity-reimbursed-inventory\tquantity-reimbursed-total',
      '2026-11-02T10:00:00+00:00\t1000000001\t\t111-0000001-0000001\tCustomerReturn\tLAMP-01\tX001\tB0DEMO0001\tDesk lamp\tNew\tUSD\t19.99\t39.98\t2\t0\t2',
    ].join('\n');
    const type = 'GET_FBA_REIMBURSEMENTS_DATA';
    expect(
      (await upload(t, admin, url(t.seed.storeIds.us, false, type), 'r.txt', reimbursements)).json(),
    ).toMatchObject({
      status: 'ok',
      created: 1,
    });
    expect(
      (await upload(t, admin, url(t.seed.storeIds.us, false, type), 'r.txt', reimbursements)).json(),
    ).toMatchObject({
      status: 'ok',
      created: 0,
      unchanged: 1,
    });
    const fees = [
      'asin\tfnsku\tproduct_name\tfulfillment_center\tcountry_code\taverage_quantity_on_hand\tmonth_of_charge\tstorage_rate\tcurrency\testimated_monthly_storage_fee',
      'B0DEMO0001\tX001\tDesk lamp\tFRA3\tDE\t12\t2026-10\t27,5400\tEUR\t3,3050',
      'B0DEMO0002\tX002\tBulb\tFRA3\tDE\t2\t2026-10\t27,5400\tEUR\t0,5512',
    ].join('\n');
    const list = (await admin.req('GET', '/api/finance/reimbursements')).json();
    expect(list.rows[0]).toMatchObject({
      reimbursementId: '1000000001',
      amountPerUnit: '19.99',
      amountTotal: '39.98',
      quantityTotal: 2,
      approvalDate: '2026-11-02',
    });
    const ft = 'GET_FBA_STORAGE_FEE_CHARGES_DATA';
    expect((await upload(t, admin, url(t.seed.storeIds.eu, false, ft), 'f.txt', fees)).json()).toMatchObject({
      status: 'ok',
      created: 2,
    });
    expect((await upload(t, admin, url(t.seed.storeIds.eu, false, ft), 'f.txt', fees)).json()).toMatchObject({
      unchanged: 2,
    });
  });
});

const usd = (n: number) => ({ CurrencyCode: 'USD', CurrencyAmount: n });
const eur = (n: number) => ({ CurrencyCode: 'EUR', CurrencyAmount: n });
function shipment(
  orderId: string,
  market: string,
  c: typeof usd,
  items: [string, string, number][],
): FinancialEventsV0 {
  return {
    ShipmentEventList: [
      {
        AmazonOrderId: orderId,
        MarketplaceName: market,
        PostedDate: '2026-11-18T07:30:00Z',
        ShipmentItemList: items.map(([id, sku, price]) => ({
          OrderItemId: id,
          SellerSKU: sku,
          QuantityShipped: 1,
          ItemChargeList: [{ ChargeType: 'Principal', ChargeAmount: c(price) }],
          ItemFeeList: [
            { FeeType: 'Commission', FeeAmount: c(-price * 0.15) },
            { FeeType: 'FBAPerUnitFulfillmentFee', FeeAmount: c(-3.22) },
          ],
        })),
      },
    ],
  };
}

describe('finance reads and data scopes', () => {
  beforeAll(async () => {
    const sync = t.rt.services.sync;
    for (const [storeId, events] of [
      [
        t.seed.storeIds.us,
        shipment('111-0000001-0000001', 'Amazon.com', usd, [
          ['OI-1', 'LAMP-01', 20],
          ['OI-2', 'BULB-02', 10],
        ]),
      ],
      [t.seed.storeIds.eu, shipment('302-0000001-0000001', 'Amazon.de', eur, [['OI-9', 'LAMP-01', 30]])],
    ] as const) {
      const target = sync.targetOf(
        t.seed.companyId,
        await t.rt.services.stores.getForSystem(t.seed.companyId, storeId),
      );
      const { lines } = mapFinancialEvents(events, { marketplaces: target.marketplaces, windowEnd: Date.now() });
      const meta = {
        actor: { type: 'system' as const, id: null, name: 'test', companyId: t.seed.companyId },
        source: 'system' as const,
        clock: t.clock,
      };
      await runWrite(t.rt.database.db, meta, (ctx) => insertEventLines(ctx, target, lines));
    }
  });

  it('lists event lines with filters; business dates are the marketplace’s', async () => {
    const all = (await admin.req('GET', '/api/finance/events?limit=100')).json();
    expect(all.total).toBe(9);
    const us = (await admin.req('GET', `/api/finance/events?storeId=${t.seed.storeIds.us}&eventType=Shipment`)).json();
    expect(us.total).toBe(6);
    // 07:30 UTC on the 18th is the 17th in Los Angeles.
    expect(us.rows[0].postedDate).toBe('2026-11-17');
    const one = (await admin.req('GET', '/api/finance/events?amazonOrderId=302-0000001-0000001')).json();
    expect(one.rows.map((r: { chargeType: string; amount: string }) => [r.chargeType, r.amount]).sort()).toEqual([
      ['Commission', '-4.50'],
      ['FBAPerUnitFulfillmentFee', '-3.22'],
      ['Principal', '30.00'],
    ]);
    expect(one.rows[0].postedDate).toBe('2026-11-18');
    const csv = await admin.req('GET', '/api/finance/events/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('amazon_order_id');
    expect(csv.body.split('\n').filter(Boolean)).toHaveLength(10);
  });

  it('groups the fee lines of an order by item', async () => {
    const fees = (await admin.req('GET', '/api/finance/orders/111-0000001-0000001/fees')).json();
    expect(fees.currency).toBe('USD');
    expect(
      fees.items.map((i: { orderItemId: string; net: string; lines: unknown[] }) => [
        i.orderItemId,
        i.net,
        i.lines.length,
      ]),
    ).toEqual([
      ['OI-1', '13.78', 3],
      ['OI-2', '5.28', 3],
    ]);
    expect(fees.net).toBe('19.06');
    expect(fees.totals).toEqual(
      expect.arrayContaining([
        { lineKind: 'Fee', amount: '-10.94' },
        { lineKind: 'Charge', amount: '30.00' },
      ]),
    );
    const none = (await admin.req('GET', '/api/finance/orders/111-9999999-9999999/fees')).json();
    expect(none).toMatchObject({ items: [], net: '0' });
  });

  it('a user of one store reads neither the events, nor the fees, nor the settlements of another', async () => {
    const op = await login(t, 'operator');
    const eu = await login(t, 'operatorEu');
    // The operator role has no finance permission: granted per user by an admin, the scope still applies.
    expect((await op.req('GET', '/api/finance/events')).statusCode).toBe(403);
    const fin = await login(t, 'finance');
    expect((await fin.req('GET', '/api/finance/events')).json().total).toBe(9);
    const viewer = await login(t, 'viewer');
    expect((await viewer.req('GET', '/api/finance/settlements')).statusCode).toBe(200);
    expect((await viewer.req('GET', '/api/finance/events/export')).statusCode).toBe(403);
    const buyer = await login(t, 'buyer');
    expect((await buyer.req('GET', '/api/finance/settlements')).statusCode).toBe(403);

    await grantFinance(op.userId);
    await grantFinance(eu.userId);
    const opEvents = (await op.req('GET', '/api/finance/events?limit=100')).json();
    expect(opEvents.total).toBe(6);
    expect(new Set(opEvents.rows.map((r: { storeId: string }) => r.storeId))).toEqual(new Set([t.seed.storeIds.us]));
    expect((await op.req('GET', `/api/finance/events?storeId=${t.seed.storeIds.eu}`)).statusCode).toBe(403);
    expect((await op.req('GET', '/api/finance/orders/302-0000001-0000001/fees')).statusCode).toBe(404);
    expect((await op.req('GET', '/api/finance/orders/111-0000001-0000001/fees')).json().items).toHaveLength(2);
    expect((await eu.req('GET', '/api/finance/orders/111-0000001-0000001/fees')).statusCode).toBe(404);
    const opSettlements = (await op.req('GET', '/api/finance/settlements')).json();
    expect(opSettlements.rows.map((r: { settlementId: string }) => r.settlementId)).toEqual(['5001']);
    expect((await op.req('GET', '/api/finance/settlements/6001')).statusCode).toBe(404);
    expect(
      (await eu.req('GET', '/api/finance/settlements'))
        .json()
        .rows.map((r: { settlementId: string }) => r.settlementId),
    ).toEqual(['6001']);
    // Reimbursements (imported for US) and storage fees (imported for EU) follow the store scope too.
    expect((await op.req('GET', '/api/finance/reimbursements')).json().total).toBe(1);
    expect((await op.req('GET', '/api/finance/storage-fees')).json().total).toBe(0);
    expect((await eu.req('GET', '/api/finance/reimbursements')).json().total).toBe(0);
    const euFees = (await eu.req('GET', '/api/finance/storage-fees?month=2026-10&sort=fee:desc')).json();
    expect(euFees.rows.map((r: { fnsku: string; fee: string }) => [r.fnsku, r.fee])).toEqual([
      ['X001', '3.31'],
      ['X002', '0.55'],
    ]);
    const exported = await eu.req('GET', '/api/finance/settlements/export?format=csv');
    expect(exported.body).toContain('6001');
    expect(exported.body).not.toContain('5001');
  });
});

/** Gives a demo user the built-in finance role on top of theirs (their data scope stays as it is). */
async function grantFinance(userId: string): Promise<void> {
  const user = (await admin.req('GET', `/api/users/${userId}`)).json() as { roleIds: string[] };
  const roles = (await admin.req('GET', '/api/roles')).json() as { rows: { id: string; name: string }[] };
  const financeRole = roles.rows.find((r) => r.name === 'Finance')!;
  const patch = await admin.req('PATCH', `/api/users/${userId}`, { roleIds: [...user.roleIds, financeRole.id] });
  expect(patch.statusCode).toBe(200);
}
