import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SellerFinances } from '../src/finances/finance-events.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

type Money = { CurrencyCode: string; CurrencyAmount: number };
type Charge = { ChargeType: string; ChargeAmount: Money };
type Fee = { FeeType: string; FeeAmount: Money };
interface Item {
  SellerSKU: string;
  OrderItemId: string;
  ItemChargeList?: Charge[];
  ItemChargeAdjustmentList?: Charge[];
  ItemFeeList?: Fee[];
  ItemFeeAdjustmentList?: Fee[];
  ItemTaxWithheldList?: { TaxesWithheld: Charge[] }[];
  PromotionList?: { PromotionAmount: Money }[];
}
interface Events {
  ShipmentEventList: { AmazonOrderId: string; PostedDate: string; ShipmentItemList: Item[] }[];
  RefundEventList: { AmazonOrderId: string; PostedDate: string; ShipmentItemAdjustmentList: Item[] }[];
  ServiceFeeEventList: { FeeList: Fee[] }[];
  AdjustmentEventList: { AdjustmentAmount: Money }[];
}
interface Group {
  FinancialEventGroupId: string;
  ProcessingStatus: string;
  FundTransferStatus: string;
  OriginalTotal: Money;
  FinancialEventGroupStart: string;
}

let sim: RunningSim;
let scenario: Scenario;
let token: string;
let sellerId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 60, skus: 40 } });
  if (!sim.scenario) throw new Error('living marketplace not installed');
  scenario = sim.scenario;
  token = await sellerToken(sim, 0);
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
});

afterAll(async () => {
  await sim.close();
});

const get = async <T>(path: string): Promise<T> => {
  const res = await http(`${sim.info.spApi.na}${path}`, { headers: { 'x-amz-access-token': token } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json as T;
};

const cents = (m: Money | undefined) => Math.round((m?.CurrencyAmount ?? 0) * 100);
const sumItem = (it: Item) =>
  [...(it.ItemChargeList ?? []), ...(it.ItemChargeAdjustmentList ?? [])].reduce(
    (s, c) => s + cents(c.ChargeAmount),
    0,
  ) +
  [...(it.ItemFeeList ?? []), ...(it.ItemFeeAdjustmentList ?? [])].reduce((s, f) => s + cents(f.FeeAmount), 0) +
  (it.ItemTaxWithheldList ?? []).flatMap((w) => w.TaxesWithheld).reduce((s, c) => s + cents(c.ChargeAmount), 0) +
  (it.PromotionList ?? []).reduce((s, p) => s + cents(p.PromotionAmount), 0);
const sumEvents = (e: Events) =>
  e.ShipmentEventList.flatMap((s) => s.ShipmentItemList).reduce((s, it) => s + sumItem(it), 0) +
  e.RefundEventList.flatMap((s) => s.ShipmentItemAdjustmentList).reduce((s, it) => s + sumItem(it), 0) +
  e.ServiceFeeEventList.flatMap((s) => s.FeeList).reduce((s, f) => s + cents(f.FeeAmount), 0) +
  e.AdjustmentEventList.reduce((s, a) => s + cents(a.AdjustmentAmount), 0);

async function allPages<T>(first: string, key: 'FinancialEvents' | 'FinancialEventGroupList'): Promise<T[]> {
  const pages: T[] = [];
  let next: string | undefined;
  let path = first;
  do {
    const body = await get<{ payload: Record<string, unknown> & { NextToken?: string } }>(path);
    pages.push(body.payload[key] as T);
    next = body.payload.NextToken;
    const sep = first.includes('?') ? '&' : '?';
    path = next ? `${first.split('?')[0]}${sep === '&' ? '?' : '?'}NextToken=${encodeURIComponent(next)}` : '';
  } while (next);
  return pages;
}

describe('finances v0', () => {
  it('groups every 14 days per marketplace; each group total equals the sum of its events', async () => {
    const groups = (
      await allPages<Group[]>('/finances/v0/financialEventGroups?MaxResultsPerPage=4', 'FinancialEventGroupList')
    ).flat();
    const marketplaces = sim.info.sellers[0]?.marketplaceIds.length ?? 0;
    expect(groups.length).toBe(marketplaces * 5);
    expect(new Set(groups.map((g) => g.FinancialEventGroupId)).size).toBe(groups.length);
    expect(groups.filter((g) => g.ProcessingStatus === 'Open')).toHaveLength(marketplaces);
    let nonEmpty = 0;
    for (const g of groups) {
      const pages = await allPages<Events>(
        `/finances/v0/financialEventGroups/${g.FinancialEventGroupId}/financialEvents?MaxResultsPerPage=50`,
        'FinancialEvents',
      );
      const sum = pages.reduce((s, e) => s + sumEvents(e), 0);
      expect(sum).toBe(cents(g.OriginalTotal));
      if (sum !== 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(marketplaces);
  });

  it('shipment events match the orders: principal, commission and FBA fee per order id', async () => {
    const now = sim.clock.now();
    const orders = scenario
      .ordersBetween(sellerId, now - 20 * DAY, now - 10 * DAY)
      .filter((o) => !o.canceled && o.marketplaceId === 'ATVPDKIKX0DER' && o.timeline.shipped !== undefined)
      .slice(0, 8);
    expect(orders.length).toBeGreaterThan(3);
    for (const order of orders) {
      const body = await get<{ payload: { FinancialEvents: Events } }>(
        `/finances/v0/orders/${order.orderId}/financialEvents`,
      );
      const shipment = body.payload.FinancialEvents.ShipmentEventList[0];
      expect(shipment?.AmazonOrderId).toBe(order.orderId);
      for (const it of order.items) {
        const line = shipment?.ShipmentItemList.find((l) => l.OrderItemId === it.orderItemId);
        const charge = (t: string) => cents(line?.ItemChargeList?.find((c) => c.ChargeType === t)?.ChargeAmount);
        const fee = (t: string) => cents(line?.ItemFeeList?.find((c) => c.FeeType === t)?.FeeAmount);
        expect(charge('Principal')).toBe(it.itemPrice);
        expect(fee('Commission') + it.referralFee).toBe(0);
        expect(fee('FBAPerUnitFulfillmentFee') + it.fbaFee).toBe(0);
      }
      const refunds = order.items.filter((i) => i.returned && i.returned.refundedAt <= now).length;
      expect(body.payload.FinancialEvents.RefundEventList).toHaveLength(refunds);
    }
  });

  it('paginates listFinancialEvents without dropping or repeating events', async () => {
    const after = new Date(sim.clock.now() - 12 * DAY).toISOString();
    const q = `PostedAfter=${after}`;
    const whole = await get<{ payload: { FinancialEvents: Events; NextToken?: string } }>(
      `/finances/v0/financialEvents?${q}&MaxResultsPerPage=100`,
    );
    const small = await allPages<Events>(`/finances/v0/financialEvents?${q}&MaxResultsPerPage=13`, 'FinancialEvents');
    const key = (e: Events) => [
      ...e.ShipmentEventList.map((s) => `S${s.AmazonOrderId}`),
      ...e.RefundEventList.map((s) => `R${s.AmazonOrderId}${s.ShipmentItemAdjustmentList[0]?.OrderItemId}`),
      ...e.ServiceFeeEventList.map((_, i) => `F${i}`),
      ...e.AdjustmentEventList.map((a) => `A${a.AdjustmentAmount.CurrencyAmount}`),
    ];
    const viaSmall = small.flatMap((e) => key(e).filter((k) => k.startsWith('S') || k.startsWith('R')));
    expect(new Set(viaSmall).size).toBe(viaSmall.length);
    const big = await allPages<Events>(`/finances/v0/financialEvents?${q}&MaxResultsPerPage=100`, 'FinancialEvents');
    const viaBig = big.flatMap((e) => key(e).filter((k) => k.startsWith('S') || k.startsWith('R')));
    expect(viaSmall.sort()).toEqual(viaBig.sort());
    expect(small.reduce((s, e) => s + sumEvents(e), 0)).toBe(big.reduce((s, e) => s + sumEvents(e), 0));
    expect(whole.payload.FinancialEvents.ShipmentEventList.length).toBeGreaterThan(0);
    const bad = await http(`${sim.info.spApi.na}/finances/v0/financialEvents?NextToken=garbage`, {
      headers: { 'x-amz-access-token': token },
    });
    expect(bad.status).toBe(400);
  });

  it('listTransactions (2024-06-19) carries the same events and totals as v0', async () => {
    const after = new Date(sim.clock.now() - 30 * DAY).toISOString();
    const txs: { totalAmount: { currencyAmount: number }; transactionType: string; relatedIdentifiers: unknown[] }[] =
      [];
    let next: string | undefined;
    do {
      const q = next ? `nextToken=${encodeURIComponent(next)}` : `postedAfter=${after}&marketplaceId=ATVPDKIKX0DER`;
      const body = await get<{ payload: { transactions: typeof txs; nextToken?: string } }>(
        `/finances/2024-06-19/transactions?${q}`,
      );
      txs.push(...body.payload.transactions);
      next = body.payload.nextToken;
    } while (next);
    const seller = scenario.seller(sellerId);
    if (!seller) throw new Error('no seller');
    const finances = new SellerFinances(scenario.seed, seller);
    const now = sim.clock.now();
    const events = finances.events(Date.parse(after), now - 120_000, now, 0);
    expect(txs).toHaveLength(events.length);
    const total = txs.reduce((s, t) => s + Math.round(t.totalAmount.currencyAmount * 100), 0);
    expect(total).toBe(events.reduce((s, e) => s + e.total, 0));
    const v0 = await allPages<Events>(
      `/finances/v0/financialEvents?PostedAfter=${after}&MaxResultsPerPage=100`,
      'FinancialEvents',
    );
    const shipments = v0.flatMap((e) => e.ShipmentEventList).filter((s) => s.ShipmentItemList.length > 0);
    const usShipments = shipments.filter((s) => scenario.orderById(s.AmazonOrderId)?.marketplaceId === 'ATVPDKIKX0DER');
    expect(txs.filter((t) => t.transactionType === 'Shipment')).toHaveLength(usShipments.length);
    const missing = await http(`${sim.info.spApi.na}/finances/2024-06-19/transactions`, {
      headers: { 'x-amz-access-token': token },
    });
    expect(missing.status).toBe(400);
  });
});
