import type { SimClock } from '../clock.ts';
import { createRandom, type Random } from '../random.ts';
import type { Identities, Marketplace, Region } from '../sellers.ts';
import { AUTO_PREDICATES, SP_ENTITIES, type SpResource } from './sp-entities.ts';

/**
 * Advertising state per Ads profile, seeded deterministically from the seed and the profile id: Sponsored Products
 * campaigns with ad groups, product ads, keywords, targets and negatives, plus a few SB and SD campaigns.
 */

export interface AdsProfile {
  profileId: number;
  sellerId: string;
  sellerName: string;
  marketplaceId: string;
  countryCode: string;
  currencyCode: string;
  region: Region;
  timezone: string;
}

export interface StoredEntity {
  data: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface Product {
  sku: string;
  asin: string;
  price: number;
}

/** Timezones of the Ads profiles per country [I: conventional marketplace timezones]. */
const TIMEZONES: Record<string, string> = {
  US: 'America/Los_Angeles',
  CA: 'America/Los_Angeles',
  MX: 'America/Los_Angeles',
  BR: 'America/Sao_Paulo',
  UK: 'Europe/London',
  DE: 'Europe/Paris',
  FR: 'Europe/Paris',
  IT: 'Europe/Paris',
  ES: 'Europe/Paris',
  NL: 'Europe/Amsterdam',
  SE: 'Europe/Stockholm',
  PL: 'Europe/Warsaw',
  JP: 'Asia/Tokyo',
  AU: 'Australia/Sydney',
  SG: 'Asia/Singapore',
};

const FAMILIES = [
  ['yoga mat', 'exercise mat', 'non slip yoga mat', 'thick yoga mat'],
  ['travel mug', 'insulated coffee mug', 'leak proof tumbler', 'thermos cup'],
  ['desk lamp', 'led desk lamp', 'dimmable reading lamp', 'clip on lamp'],
  ['phone stand', 'adjustable phone holder', 'tablet stand', 'desk phone mount'],
  ['garden hose', 'expandable hose', 'hose nozzle', 'lightweight garden hose'],
];

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Builds the Ads profiles (one per seller marketplace) from the seeded identities. */
export function buildProfiles(identities: Identities, marketplaces: readonly Marketplace[]): AdsProfile[] {
  return identities.sellers.flatMap((s) =>
    s.marketplaceIds.flatMap((marketplaceId) => {
      const m = marketplaces.find((x) => x.marketplaceId === marketplaceId);
      const profileId = s.adsProfileIds[marketplaceId];
      if (!m || profileId === undefined) return [];
      return [
        {
          profileId,
          sellerId: s.sellerId,
          sellerName: s.name,
          marketplaceId,
          countryCode: m.code,
          currencyCode: m.currency,
          region: s.region,
          timezone: TIMEZONES[m.code] ?? 'UTC',
        },
      ];
    }),
  );
}

/** One profile's advertising data. */
export class ProfileData {
  readonly sp = Object.fromEntries(Object.keys(SP_ENTITIES).map((k) => [k, new Map<string, StoredEntity>()])) as Record<
    SpResource,
    Map<string, StoredEntity>
  >;
  readonly sb: Record<string, unknown>[] = [];
  readonly sd: Record<string, unknown>[] = [];
  readonly products: Product[] = [];
  private readonly random: Random;
  private readonly usedIds = new Set<string>();

  constructor(
    readonly profile: AdsProfile,
    seed: string,
    private readonly clock: SimClock,
  ) {
    this.random = createRandom(`ads:${seed}:${profile.profileId}`);
    this.seed();
  }

  /** A fresh numeric id (as the v3 API returns them: strings of digits). */
  newId(): string {
    for (;;) {
      const id = String(this.random.int(10 ** 13, 10 ** 15 - 1));
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** Stores a new entity (its id field already set) and returns it. */
  insert(resource: SpResource, data: Record<string, unknown>): StoredEntity {
    const now = this.clock.now();
    const stored = { data, createdAt: now, updatedAt: now };
    this.sp[resource].set(String(data[SP_ENTITIES[resource].idField]), stored);
    return stored;
  }

  /** The product of a SKU, creating a plausible one for SKUs the seed did not plan. */
  productOf(sku: string): Product {
    let p = this.products.find((x) => x.sku === sku);
    if (!p) {
      p = { sku, asin: `B0${this.random.chars(8, UPPER)}`, price: 10 + this.random.int(0, 5000) / 100 };
      this.products.push(p);
    }
    return p;
  }

  private seed(): void {
    const r = this.random;
    const country = this.profile.countryCode;
    const start = new Date(this.clock.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const families = [0, 1, 2].map((i) => FAMILIES[(r.int(0, FAMILIES.length - 1) + i) % FAMILIES.length] ?? []);
    for (let i = 0; i < 6; i++) {
      this.products.push({
        sku: `YF-${country}-${String(100 + i)}`,
        asin: `B0${r.chars(8, UPPER)}`,
        price: 12 + r.int(0, 4800) / 100,
      });
    }
    const [autoWords = [], keywordWords = [], targetWords = []] = families;
    const campaign = (name: string, targetingType: string, state: string, budget: number, strategy: string) =>
      this.insert('campaigns', {
        campaignId: this.newId(),
        name,
        targetingType,
        state,
        startDate: start,
        budget: { budget, budgetType: 'DAILY' },
        dynamicBidding: {
          strategy,
          placementBidding: strategy === 'AUTO_FOR_SALES' ? [{ placement: 'PLACEMENT_TOP', percentage: 25 }] : [],
        },
      }).data.campaignId as string;
    const adGroup = (campaignId: string, name: string, defaultBid: number) =>
      this.insert('adGroups', { adGroupId: this.newId(), campaignId, name, state: 'ENABLED', defaultBid }).data
        .adGroupId as string;
    const ads = (campaignId: string, adGroupId: string, products: Product[]) => {
      for (const p of products) {
        this.insert('productAds', {
          adId: this.newId(),
          campaignId,
          adGroupId,
          sku: p.sku,
          asin: p.asin,
          state: 'ENABLED',
        });
      }
    };
    const bid = () => Math.round((0.4 + r.next() * 1.6) * 100) / 100;
    const [p0, p1, p2, p3, p4, p5] = this.products as [Product, Product, Product, Product, Product, Product];

    const auto = campaign(`Auto - ${autoWords[0]}`, 'AUTO', 'ENABLED', 20, 'LEGACY_FOR_SALES');
    const autoGroup = adGroup(auto, 'Auto targets', 0.75);
    ads(auto, autoGroup, [p0, p1]);
    for (const type of AUTO_PREDICATES) {
      const expression = [{ type }];
      this.insert('targets', {
        targetId: this.newId(),
        campaignId: auto,
        adGroupId: autoGroup,
        expression,
        resolvedExpression: expression,
        expressionType: 'AUTO',
        state: 'ENABLED',
        bid: bid(),
      });
    }
    this.insert('negativeKeywords', {
      keywordId: this.newId(),
      campaignId: auto,
      adGroupId: autoGroup,
      keywordText: 'free',
      matchType: 'NEGATIVE_PHRASE',
      state: 'ENABLED',
    });

    const manual = campaign(`Manual - ${keywordWords[0]}`, 'MANUAL', 'ENABLED', 35, 'AUTO_FOR_SALES');
    for (const [g, products] of [[p2, p3], [p4]].entries()) {
      const group = adGroup(manual, `Keywords ${g + 1}`, 0.9);
      ads(manual, group, products);
      for (const [k, matchType] of ['EXACT', 'PHRASE', 'BROAD'].entries()) {
        this.insert('keywords', {
          keywordId: this.newId(),
          campaignId: manual,
          adGroupId: group,
          keywordText: keywordWords[(g + k) % keywordWords.length] ?? 'keyword',
          matchType,
          state: 'ENABLED',
          bid: bid(),
        });
      }
      this.insert('negativeKeywords', {
        keywordId: this.newId(),
        campaignId: manual,
        adGroupId: group,
        keywordText: 'cheap',
        matchType: 'NEGATIVE_EXACT',
        state: 'ENABLED',
      });
    }
    this.insert('campaignNegativeKeywords', {
      keywordId: this.newId(),
      campaignId: manual,
      keywordText: 'used',
      matchType: 'NEGATIVE_EXACT',
      state: 'ENABLED',
    });

    const product = campaign(`Product targeting - ${targetWords[0]}`, 'MANUAL', 'PAUSED', 15, 'MANUAL');
    const productGroup = adGroup(product, 'Competitor ASINs', 0.6);
    ads(product, productGroup, [p5]);
    for (const expression of [
      [{ type: 'ASIN_SAME_AS', value: `B0${r.chars(8, UPPER)}` }],
      [{ type: 'ASIN_CATEGORY_SAME_AS', value: String(r.int(1_000_000, 9_999_999)) }],
    ]) {
      this.insert('targets', {
        targetId: this.newId(),
        campaignId: product,
        adGroupId: productGroup,
        expression,
        resolvedExpression: expression,
        expressionType: 'MANUAL',
        state: 'ENABLED',
        bid: bid(),
      });
    }
    const negative = [{ type: 'ASIN_SAME_AS', value: p5.asin }];
    this.insert('negativeTargets', {
      targetId: this.newId(),
      campaignId: product,
      adGroupId: productGroup,
      expression: negative,
      resolvedExpression: negative,
      state: 'ENABLED',
    });
    this.seedBrandsAndDisplay(start);
  }

  private seedBrandsAndDisplay(start: string): void {
    const r = this.random;
    const brandEntityId = `ENTITY${r.chars(13, UPPER)}`;
    for (const [i, budget] of [50, 100].entries()) {
      this.sb.push({
        campaignId: this.newId(),
        name: `SB - brand ${i === 0 ? 'awareness' : 'video'}`,
        state: i === 0 ? 'ENABLED' : 'PAUSED',
        budget,
        budgetType: 'DAILY',
        startDate: start,
        brandEntityId,
        isMultiAdGroupsEnabled: true,
        bidding: { bidOptimization: true, bidOptimizationStrategy: 'MAXIMIZE_IMMEDIATE_SALES' },
      });
    }
    for (const [i, tactic] of ['T00020', 'T00030'].entries()) {
      this.sd.push({
        campaignId: Number(this.newId()),
        name: `SD - ${tactic === 'T00020' ? 'product targeting' : 'audiences'}`,
        tactic,
        startDate: start.replaceAll('-', ''),
        state: i === 0 ? 'enabled' : 'paused',
        costType: i === 0 ? 'cpc' : 'vcpm',
        budget: 30 + i * 20,
        budgetType: 'daily',
        deliveryProfile: 'as_soon_as_possible',
      });
    }
  }
}

/** All profiles' data, seeded on first use. */
export class AdsStore {
  private readonly data = new Map<number, ProfileData>();

  constructor(
    readonly profiles: readonly AdsProfile[],
    private readonly seed: string,
    private readonly clock: SimClock,
  ) {}

  /** The profile with this id. */
  profile(profileId: number): AdsProfile | undefined {
    return this.profiles.find((p) => p.profileId === profileId);
  }

  /** The data of a profile (seeded on first access). */
  of(profile: AdsProfile): ProfileData {
    let d = this.data.get(profile.profileId);
    if (!d) {
      d = new ProfileData(profile, this.seed, this.clock);
      this.data.set(profile.profileId, d);
    }
    return d;
  }
}
