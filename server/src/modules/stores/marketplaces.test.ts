import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMarketplace, MARKETPLACES } from './marketplaces.js';

describe('marketplaces', () => {
  it('match shared/amazon/marketplaces.json (ids, regions, currencies)', () => {
    const file = join(import.meta.dirname, '../../../../../shared/amazon/marketplaces.json');
    const shared = JSON.parse(readFileSync(file, 'utf8')) as {
      marketplaces: { marketplaceId: string; code: string; region: string; currency: string }[];
    };
    expect(MARKETPLACES.map((m) => [m.marketplaceId, m.code, m.region, m.currency])).toEqual(
      shared.marketplaces.map((m) => [m.marketplaceId, m.code, m.region, m.currency]),
    );
  });

  it('finds by id or code and knows time zones', () => {
    expect(findMarketplace('de')?.marketplaceId).toBe('A1PA6795UKMFR9');
    expect(findMarketplace('A1VC38T7YXB528')?.timeZone).toBe('Asia/Tokyo');
    expect(findMarketplace('XX')).toBeUndefined();
    for (const m of MARKETPLACES) expect(() => new Intl.DateTimeFormat('en', { timeZone: m.timeZone })).not.toThrow();
  });
});
