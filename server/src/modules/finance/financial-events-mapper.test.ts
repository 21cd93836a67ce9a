import { describe, expect, it } from 'vitest';
import { MARKETPLACES } from '../stores/index.js';
import { type FinancialEventsV0, mapFinancialEvents } from './financial-events-mapper.js';

const us = MARKETPLACES.filter((m) => ['US', 'CA', 'MX'].includes(m.code));
const usd = (n: number) => ({ CurrencyCode: 'USD', CurrencyAmount: n });

const page: FinancialEventsV0 = {
  ShipmentEventList: [
    {
      AmazonOrderId: '111-0000001-0000001',
      MarketplaceName: 'Amazon.com',
      PostedDate: '2026-11-20T10:00:00Z',
      ShipmentItemList: [
        {
          SellerSKU: 'SKU-1',
          OrderItemId: 'OI-1',
          QuantityShipped: 2,
          ItemChargeList: [
            { ChargeType: 'Principal', ChargeAmount: usd(39.98) },
            { ChargeType: 'Tax', ChargeAmount: usd(3.2) },
          ],
          ItemFeeList: [
            { FeeType: 'Commission', FeeAmount: usd(-6) },
            { FeeType: 'FBAPerUnitFulfillmentFee', FeeAmount: usd(-7.34) },
          ],
          PromotionList: [{ PromotionId: 'P1', PromotionAmount: usd(-4) }],
          ItemTaxWithheldList: [
            { TaxesWithheld: [{ ChargeType: 'MarketplaceFacilitatorTax-Principal', ChargeAmount: usd(-3.2) }] },
          ],
        },
      ],
    },
  ],
  RefundEventList: [
    {
      AmazonOrderId: '111-0000001-0000001',
      MarketplaceName: 'Amazon.com',
      PostedDate: '2026-11-25T10:00:00Z',
      ShipmentItemAdjustmentList: [
        {
          SellerSKU: 'SKU-1',
          OrderItemId: 'OI-1',
          OrderAdjustmentItemId: 'ADJ-1',
          QuantityShipped: 1,
          ItemChargeAdjustmentList: [{ ChargeType: 'Principal', ChargeAmount: usd(-19.99) }],
          ItemFeeAdjustmentList: [{ FeeType: 'Commission', FeeAmount: usd(3) }],
        },
      ],
    },
  ],
  ServiceFeeEventList: [
    { FeeDescription: 'FBA storage fee', FeeList: [{ FeeType: 'FBAStorageFee', FeeAmount: usd(-12.5) }] },
  ],
  AdjustmentEventList: [
    {
      AdjustmentType: 'WAREHOUSE_DAMAGE',
      PostedDate: '2026-11-21T10:00:00Z',
      AdjustmentAmount: usd(22),
      AdjustmentItemList: [{ Quantity: '2', TotalAmount: usd(22), SellerSKU: 'SKU-2' }],
    },
  ],
  RetrochargeEventList: [{}],
  DebtRecoveryEventList: [],
};

describe('financial events mapper', () => {
  const ctx = { marketplaces: us, windowEnd: Date.parse('2026-11-29T00:00:00Z') };

  it('flattens every charge, fee, promotion, withheld tax and adjustment into lines in minor units', () => {
    const { lines, warnings } = mapFinancialEvents(page, ctx);
    expect(lines.map((l) => [l.eventType, l.lineKind, l.chargeType, l.amountMinor])).toEqual([
      ['Shipment', 'Charge', 'Principal', 3998n],
      ['Shipment', 'Charge', 'Tax', 320n],
      ['Shipment', 'Fee', 'Commission', -600n],
      ['Shipment', 'Fee', 'FBAPerUnitFulfillmentFee', -734n],
      ['Shipment', 'Promotion', 'P1', -400n],
      ['Shipment', 'WithheldTax', 'MarketplaceFacilitatorTax-Principal', -320n],
      ['Refund', 'Charge', 'Principal', -1999n],
      ['Refund', 'Fee', 'Commission', 300n],
      ['ServiceFee', 'Fee', 'FBAStorageFee', -1250n],
      ['Adjustment', 'Adjustment', 'WAREHOUSE_DAMAGE', 2200n],
    ]);
    expect(lines[0]).toMatchObject({
      marketplaceId: 'ATVPDKIKX0DER',
      amazonOrderId: '111-0000001-0000001',
      orderItemId: 'OI-1',
      sellerSku: 'SKU-1',
      quantity: 2,
      postedAtEstimated: false,
    });
    expect(lines[6]).toMatchObject({ adjustmentId: 'ADJ-1', postedAt: Date.parse('2026-11-25T10:00:00Z') });
    // Service fees have no posting time: the window's end, flagged as estimated; the currency names the marketplace.
    expect(lines[8]).toMatchObject({
      postedAt: ctx.windowEnd,
      postedAtEstimated: true,
      marketplaceId: 'ATVPDKIKX0DER',
    });
    expect(lines[9]).toMatchObject({ quantity: 2, sellerSku: 'SKU-2' });
    expect(warnings).toEqual(['1 RetrochargeEventList events are not stored (not supported yet)']);
  });

  it('gives every line a distinct key that does not change when the window is read again', () => {
    const a = mapFinancialEvents(page, ctx).lines.map((l) => l.lineKey);
    const b = mapFinancialEvents(structuredClone(page), { ...ctx, windowEnd: ctx.windowEnd + 60_000 }).lines.map(
      (l) => l.lineKey,
    );
    expect(new Set(a).size).toBe(a.length);
    expect(b).toEqual(a);
    // Two identical lines of one event (e.g. two Principal charges) still get two keys.
    const twice = structuredClone(page);
    twice.ShipmentEventList![0]!.ShipmentItemList![0]!.ItemChargeList!.push({
      ChargeType: 'Principal',
      ChargeAmount: usd(39.98),
    });
    const keys = mapFinancialEvents(twice, ctx).lines.map((l) => l.lineKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads JSON amounts exactly (no float drift) and reports an unreadable one', () => {
    const p: FinancialEventsV0 = {
      ShipmentEventList: [
        {
          AmazonOrderId: 'X',
          PostedDate: '2026-11-20T10:00:00Z',
          ShipmentItemList: [
            {
              OrderItemId: '1',
              ItemChargeList: [
                { ChargeType: 'Principal', ChargeAmount: usd(1.005 + 0.1 + 0.2 - 0.30000000000000004) },
                { ChargeType: 'Principal', ChargeAmount: { CurrencyCode: 'JPY', CurrencyAmount: 1980 } },
                { ChargeType: 'Tax', ChargeAmount: { CurrencyCode: 'usd', CurrencyAmount: 1 } },
              ],
            },
          ],
        },
      ],
    };
    const { lines, warnings } = mapFinancialEvents(p, ctx);
    expect(lines.map((l) => [l.currency, l.amountMinor])).toEqual([
      ['USD', 101n],
      ['JPY', 1980n],
    ]);
    expect(warnings).toHaveLength(1);
  });
});
