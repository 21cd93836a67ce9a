import { describe, expect, it } from 'vitest';
import { type FeeListing, feesRequestBody, mapFeesResults, readEstimationTime } from './fee-estimates.js';

const listing = (sku: string, priceMinor: number, over: Partial<FeeListing> = {}): FeeListing => ({
  marketplaceId: 'ATVPDKIKX0DER',
  sellerSku: sku,
  asin: `B0${sku}`,
  priceMinor,
  currency: 'USD',
  fulfillmentChannel: 'FBA',
  ...over,
});

const money = (Amount: number) => ({ CurrencyCode: 'USD', Amount });
const detail = (FeeType: string, amount: number) => ({ FeeType, FeeAmount: money(amount), FinalFee: money(amount) });

describe('getMyFeesEstimates', () => {
  it('builds one SellerSKU request per listing at its price, FBA flag from the channel', () => {
    const body = feesRequestBody([listing('A', 1999), listing('B', 500, { fulfillmentChannel: 'FBM' })]);
    expect(body[0]).toEqual({
      FeesEstimateRequest: {
        MarketplaceId: 'ATVPDKIKX0DER',
        IsAmazonFulfilled: true,
        PriceToEstimateFees: { ListingPrice: { CurrencyCode: 'USD', Amount: 19.99 } },
        Identifier: 'ATVPDKIKX0DER|A|1999',
      },
      IdType: 'SellerSKU',
      IdValue: 'A',
    });
    expect(
      (body[1] as { FeesEstimateRequest: { IsAmazonFulfilled: boolean } }).FeesEstimateRequest.IsAmazonFulfilled,
    ).toBe(false);
  });

  it('reads fees by type in minor units, matches answers by identifier, lists failures', () => {
    const sent = [listing('A', 1999), listing('B', 2500), listing('C', 100)];
    const answer = [
      {
        Status: 'ClientError',
        FeesEstimateIdentifier: { SellerInputIdentifier: 'ATVPDKIKX0DER|B|2500' },
        Error: { Code: 'InvalidParameterValue', Message: 'The item B is not in the catalog.' },
      },
      {
        Status: 'Success',
        FeesEstimateIdentifier: { SellerInputIdentifier: 'ATVPDKIKX0DER|A|1999' },
        FeesEstimate: {
          TimeOfFeesEstimation: '2026-11-20T08:00:00Z',
          TotalFeesEstimate: money(6.21),
          FeeDetailList: [
            detail('ReferralFee', 3.0),
            detail('VariableClosingFee', 0),
            detail('PerItemFee', 0),
            detail('FBAFees', 3.21),
          ],
        },
      },
    ];
    const out = mapFeesResults(answer, sent, 42);
    expect(out.estimates).toEqual([
      {
        marketplaceId: 'ATVPDKIKX0DER',
        sellerSku: 'A',
        asin: 'B0A',
        priceMinor: 1999,
        currency: 'USD',
        isAmazonFulfilled: true,
        referralFeeMinor: 300,
        fbaFeeMinor: 321,
        variableClosingFeeMinor: 0,
        perItemFeeMinor: 0,
        totalFeeMinor: 621,
        estimatedAt: Date.parse('2026-11-20T08:00:00Z'),
      },
    ]);
    expect(out.failures.map((f) => f.sellerSku)).toEqual(['B', 'C']);
    expect(out.failures[0]!.message).toMatch(/not in the catalog/);
  });

  it("reads the sandbox's Java-style estimation time", () => {
    expect(readEstimationTime('Mon Oct 28 18:49:32 UTC 2019')).toBe(Date.parse('2019-10-28T18:49:32Z'));
    expect(readEstimationTime('soon')).toBeNull();
  });
});
