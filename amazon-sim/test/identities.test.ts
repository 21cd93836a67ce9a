import { describe, expect, it } from 'vitest';
import { createIdentities, loadMarketplaces } from '../src/sellers.ts';
import type { SimInfo } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { http, startTestSim } from './helpers.ts';

const marketplaces = loadMarketplaces(resolveSharedAmazonDir());
const idOf = (code: string) => marketplaces.find((m) => m.code === code)?.marketplaceId;

describe('seeded identities', () => {
  it('derives the same sellers and credentials from the same seed, different ones from another', () => {
    const a = createIdentities(42, 'demo', marketplaces);
    expect(createIdentities('42', 'demo', marketplaces)).toEqual(a);
    const b = createIdentities(43, 'demo', marketplaces);
    expect(b.sellers[0]?.sellerId).not.toBe(a.sellers[0]?.sellerId);
    expect(b.application.clientSecret).not.toBe(a.application.clientSecret);
  });

  it('gives the demo scenario an NA seller (US, CA, MX) and an EU seller (DE, FR, IT, ES, UK)', () => {
    const { sellers, application } = createIdentities(42, 'demo', marketplaces);
    expect(sellers.map((s) => s.region)).toEqual(['na', 'eu']);
    expect(sellers[0]?.marketplaceIds).toEqual(['US', 'CA', 'MX'].map(idOf));
    expect(sellers[1]?.marketplaceIds).toEqual(['DE', 'FR', 'IT', 'ES', 'UK'].map(idOf));
    for (const s of sellers) {
      expect(s.sellerId).toMatch(/^A[0-9A-Z]{13}$/);
      expect(s.refreshToken).toMatch(/^Atzr\|/);
      expect(Object.keys(s.adsProfileIds)).toEqual(s.marketplaceIds);
      for (const p of Object.values(s.adsProfileIds)) expect(Number.isSafeInteger(p)).toBe(true);
    }
    expect(application.clientId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
    expect(application.clientSecret).toMatch(/^amzn1\.oa2-cs\.v1\.[0-9a-f]{64}$/);
  });

  it('rejects an unknown scenario', () => {
    expect(() => createIdentities(1, 'nope', marketplaces)).toThrow(/unknown scenario/);
    expect(createIdentities(1, 'global', marketplaces).sellers.map((s) => s.region)).toEqual(['na', 'eu', 'fe']);
  });
});

describe('GET /sim/info', () => {
  it('lists the URLs of every service and each seller with its credentials', async () => {
    const sim = await startTestSim({ seed: 42 });
    try {
      const res = await http(`${sim.url}/sim/info`);
      expect(res.status).toBe(200);
      const info = res.json as SimInfo;
      expect(info).toEqual(sim.info);
      expect(info.lwaTokenUrl).toBe(`${sim.url}/auth/o2/token`);
      expect(info.spApi).toEqual({ na: `${sim.url}/na`, eu: `${sim.url}/eu`, fe: `${sim.url}/fe` });
      expect(info.ads).toEqual({ na: `${sim.url}/ads/na`, eu: `${sim.url}/ads/eu`, fe: `${sim.url}/ads/fe` });
      expect(info.sellers).toHaveLength(2);
      for (const s of info.sellers) {
        expect(Object.keys(s).sort()).toEqual(
          [
            'adsProfileIds',
            'clientId',
            'clientSecret',
            'marketplaceIds',
            'name',
            'queueUrl',
            'refreshToken',
            'region',
            'sellerId',
          ].sort(),
        );
        expect(s.queueUrl.startsWith(`${sim.url}/sqs/`)).toBe(true);
      }
    } finally {
      await sim.close();
    }
  });
});
