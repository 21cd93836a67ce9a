import { describe, expect, it } from 'vitest';
import { fulfillmentChannelOf, listingSyncStatus, mapListingsItem } from './listings-sync-mapper.js';

const US = 'ATVPDKIKX0DER';
const item = (over: Record<string, unknown> = {}) => ({
  sku: 'YF-0001',
  summaries: [
    { marketplaceId: US, asin: 'B0TEST0001', status: ['BUYABLE', 'DISCOVERABLE'], itemName: 'Mug', fnSku: 'X00ABC' },
  ],
  offers: [{ marketplaceId: US, offerType: 'B2C', price: { amount: '19.99', currencyCode: 'USD' } }],
  fulfillmentAvailability: [{ fulfillmentChannelCode: 'AMAZON_NA', quantity: 5 }],
  issues: [],
  ...over,
});

describe('mapListingsItem', () => {
  it('reads ASIN, title, FNSKU, price in minor units and the FBA channel', () => {
    expect(mapListingsItem(item(), US, 'USD')).toEqual({
      listing: {
        sellerSku: 'YF-0001',
        asin: 'B0TEST0001',
        title: 'Mug',
        fnsku: 'X00ABC',
        status: 'active',
        priceMinor: 1999,
        currency: 'USD',
        fulfillmentChannel: 'FBA',
      },
    });
  });

  it('takes the B2C offer of the marketplace, not a B2B one or another marketplace', () => {
    const out = mapListingsItem(
      item({
        offers: [
          { marketplaceId: 'A2EUQ1WTGCTBG2', offerType: 'B2C', price: { amount: '25.00', currencyCode: 'CAD' } },
          { marketplaceId: US, offerType: 'B2B', price: { amount: '15.00', currencyCode: 'USD' } },
          { marketplaceId: US, offerType: 'B2C', price: { amount: '18.5', currencyCode: 'USD' } },
        ],
      }),
      US,
      'USD',
    );
    expect('listing' in out && out.listing.priceMinor).toBe(1850);
  });

  it('reads zero-decimal currencies and refuses a foreign currency or extra decimals', () => {
    const jp = item({ offers: [{ marketplaceId: 'A1VC38T7YXB528', price: { amount: '1500', currencyCode: 'JPY' } }] });
    expect(mapListingsItem(jp, 'A1VC38T7YXB528', 'JPY')).toMatchObject({
      listing: { priceMinor: 1500, currency: 'JPY' },
    });
    expect(mapListingsItem(item(), US, 'CAD')).toEqual({ error: expect.stringMatching(/USD.*CAD/) });
    const odd = item({ offers: [{ marketplaceId: US, price: { amount: '1.999', currencyCode: 'USD' } }] });
    expect(mapListingsItem(odd, US, 'USD')).toEqual({ error: expect.stringMatching(/decimals/) });
    expect(mapListingsItem({ summaries: [] }, US, 'USD')).toEqual({ error: 'an item without a SKU' });
  });

  it('without an offer: no price, the channel unknown, incomplete', () => {
    const out = mapListingsItem(
      item({ offers: [], fulfillmentAvailability: [], summaries: [{ marketplaceId: US, status: ['DISCOVERABLE'] }] }),
      US,
      'USD',
    );
    expect(out).toMatchObject({
      listing: {
        priceMinor: null,
        fulfillmentChannel: null,
        status: 'incomplete',
        asin: null,
        title: null,
        fnsku: null,
      },
    });
  });
});

describe('listingSyncStatus', () => {
  it('maps BUYABLE / DISCOVERABLE / issues to our statuses', () => {
    expect(listingSyncStatus(item(), US, true)).toBe('active');
    const oos = item({ summaries: [{ marketplaceId: US, status: ['DISCOVERABLE'] }] });
    expect(listingSyncStatus(oos, US, true)).toBe('inactive');
    expect(listingSyncStatus(item({ summaries: [{ marketplaceId: US, status: [] }] }), US, true)).toBe('inactive');
    expect(listingSyncStatus(oos, US, false)).toBe('incomplete');
    expect(listingSyncStatus({ ...oos, issues: [{ severity: 'ERROR', code: '90220' }] }, US, true)).toBe('incomplete');
    const suppressed = {
      ...item(),
      issues: [
        { severity: 'ERROR', marketplaceIds: [US], enforcements: { actions: [{ action: 'SEARCH_SUPPRESSED' }] } },
      ],
    };
    expect(listingSyncStatus(suppressed, US, true)).toBe('suppressed');
    const parent = { sku: 'P', summaries: [{ marketplaceId: US, status: ['DISCOVERABLE'] }] };
    expect(listingSyncStatus({ ...parent, attributes: { parentage_level: [{ value: 'parent' }] } }, US, false)).toBe(
      'inactive',
    );
    // An issue of another marketplace does not count here.
    expect(listingSyncStatus(suppressed, 'A2EUQ1WTGCTBG2', true)).toBe('active');
  });

  it('reads the fulfillment channel codes', () => {
    expect(fulfillmentChannelOf(['DEFAULT'])).toBe('FBM');
    expect(fulfillmentChannelOf(['AMAZON_EU'])).toBe('FBA');
    expect(fulfillmentChannelOf(['DEFAULT', 'AMAZON_NA'])).toBe('FBA');
    expect(fulfillmentChannelOf([])).toBeNull();
  });
});
