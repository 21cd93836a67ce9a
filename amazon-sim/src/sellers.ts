import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, derivedToken, randomHex } from './random.ts';

/** The simulated developer application and its selling partners, derived deterministically from the seed. */

export type Region = 'na' | 'eu' | 'fe';
export const REGIONS: readonly Region[] = ['na', 'eu', 'fe'];

export interface Marketplace {
  code: string;
  country: string;
  marketplaceId: string;
  region: Region;
  currency: string;
}

export interface Application {
  /** SP-API application id (`amzn1.sp.solution.…`), the `application_id` of the consent URL. */
  applicationId: string;
  clientId: string;
  clientSecret: string;
}

export interface SellerIdentity {
  sellerId: string;
  name: string;
  region: Region;
  marketplaceIds: string[];
  refreshToken: string;
  /** Amazon Ads profile id per marketplace id. */
  adsProfileIds: Record<string, number>;
  /** Name of the seller's SQS notification queue (its URL depends on the listening address). */
  queueName: string;
}

export interface Identities {
  application: Application;
  sellers: SellerIdentity[];
  /** The simulated AWS account owning the notification queues. */
  awsAccountId: string;
}

interface SellerPlan {
  name: string;
  region: Region;
  countries: string[];
}

const SCENARIOS: Record<string, SellerPlan[]> = {
  demo: [
    { name: 'Demo Seller NA', region: 'na', countries: ['US', 'CA', 'MX'] },
    { name: 'Demo Seller EU', region: 'eu', countries: ['DE', 'FR', 'IT', 'ES', 'UK'] },
  ],
  global: [
    { name: 'Demo Seller NA', region: 'na', countries: ['US', 'CA', 'MX'] },
    { name: 'Demo Seller EU', region: 'eu', countries: ['DE', 'FR', 'IT', 'ES', 'UK'] },
    { name: 'Demo Seller FE', region: 'fe', countries: ['JP', 'AU', 'SG'] },
  ],
};

/** Names of the known scenarios. */
export const SCENARIO_NAMES: readonly string[] = Object.keys(SCENARIOS);

/** Reads marketplaces.json (region codes lower-cased). */
export function loadMarketplaces(sharedAmazonDir: string): Marketplace[] {
  const doc = JSON.parse(readFileSync(join(sharedAmazonDir, 'marketplaces.json'), 'utf8')) as {
    marketplaces: (Omit<Marketplace, 'region'> & { region: string })[];
  };
  return doc.marketplaces.map((m) => ({ ...m, region: m.region.toLowerCase() as Region }));
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Builds the application and the scenario's sellers from the seed: same seed, same identities. */
export function createIdentities(seed: number | string, scenario: string, marketplaces: Marketplace[]): Identities {
  const plans = SCENARIOS[scenario];
  if (!plans) throw new Error(`amazon-sim: unknown scenario "${scenario}" (known: ${SCENARIO_NAMES.join(', ')})`);
  const random = createRandom(`identities:${seed}`);
  const application: Application = {
    applicationId: `amzn1.sp.solution.${uuidLike(randomHex(random, 32))}`,
    clientId: `amzn1.application-oa2-client.${randomHex(random, 32)}`,
    clientSecret: `amzn1.oa2-cs.v1.${randomHex(random, 64)}`,
  };
  const awsAccountId = String(random.int(100000000000, 999999999999));
  const sellers = plans.map((plan, i): SellerIdentity => {
    const sellerId = `A${random.chars(13, UPPER_ALNUM)}`;
    const marketplaceIds = plan.countries.map((code) => {
      const m = marketplaces.find((x) => x.code === code);
      if (!m) throw new Error(`amazon-sim: marketplaces.json has no ${code}`);
      return m.marketplaceId;
    });
    const adsProfileIds: Record<string, number> = {};
    for (const id of marketplaceIds) adsProfileIds[id] = random.int(1e15, 9e15 - 1);
    return {
      sellerId,
      name: plan.name,
      region: plan.region,
      marketplaceIds,
      refreshToken: `Atzr|${derivedToken(300, 'refresh', seed, i, sellerId)}`,
      adsProfileIds,
      queueName: `amazon-sim-notifications-${sellerId.toLowerCase()}`,
    };
  });
  return { application, sellers, awsAccountId };
}

function uuidLike(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
