import { entryFor, type PatchOp } from '../scenario/listing-attributes.ts';
import type { ScenarioMarketplace } from '../scenario/scenario-types.ts';
import { InputError } from './query-params.ts';

/**
 * Checks of Listings Items request bodies. A body that does not match the model's request schema
 * (ListingsItemPutRequest / ListingsItemPatchRequest) is a 400 InvalidInput; attribute values Amazon would refuse
 * become `issues` of an INVALID submission (HTTP 200), in the model's Issue shape.
 */

export interface Issue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
}

export const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'] as const;
const OPS = ['add', 'replace', 'merge', 'delete'] as const;
const ATTRIBUTE_PATH = /^\/attributes\/[A-Za-z0-9_]+$/;

export interface PutBody {
  productType: string;
  requirements?: (typeof REQUIREMENTS)[number];
  attributes: Record<string, unknown>;
}

export interface PatchBody {
  productType: string;
  patches: PatchOp[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a putListingsItem body against ListingsItemPutRequest. */
export function parsePutBody(body: unknown): PutBody {
  if (!isObject(body)) throw new InputError('The request body must be a JSON object (ListingsItemPutRequest).');
  const problems: string[] = [];
  if (typeof body.productType !== 'string' || body.productType === '') problems.push("'productType' is required");
  if (!isObject(body.attributes)) problems.push("'attributes' is required and must be an object");
  if (body.requirements !== undefined && !(REQUIREMENTS as readonly unknown[]).includes(body.requirements)) {
    problems.push(`'requirements' must be one of ${REQUIREMENTS.join(', ')}`);
  }
  if (problems.length > 0) throw new InputError(`Invalid request body: ${problems.join('; ')}.`);
  return body as unknown as PutBody;
}

/** Validates a patchListingsItem body against ListingsItemPatchRequest. */
export function parsePatchBody(body: unknown): PatchBody {
  if (!isObject(body)) throw new InputError('The request body must be a JSON object (ListingsItemPatchRequest).');
  const problems: string[] = [];
  if (typeof body.productType !== 'string' || body.productType === '') problems.push("'productType' is required");
  if (!Array.isArray(body.patches) || body.patches.length === 0) {
    problems.push("'patches' is required and must be a non-empty array");
  } else {
    body.patches.forEach((p: unknown, i: number) => {
      if (!isObject(p)) {
        problems.push(`patches[${i}] must be an object`);
        return;
      }
      if (!(OPS as readonly unknown[]).includes(p.op))
        problems.push(`patches[${i}].op must be one of ${OPS.join(', ')}`);
      if (typeof p.path !== 'string' || !ATTRIBUTE_PATH.test(p.path)) {
        problems.push(`patches[${i}].path must be a JSON pointer of the form /attributes/{attributeName}`);
      }
      if (p.op !== 'delete' && !Array.isArray(p.value)) problems.push(`patches[${i}].value must be an array`);
      if (p.op === 'delete' && p.value !== undefined && !Array.isArray(p.value)) {
        problems.push(`patches[${i}].value must be an array`);
      }
    });
  }
  if (problems.length > 0) throw new InputError(`Invalid request body: ${problems.join('; ')}.`);
  return body as unknown as PatchBody;
}

const invalidAttribute = (name: string, why: string): Issue => ({
  code: '90000900',
  message: `The attributes are invalid: ${why}`,
  severity: 'ERROR',
  attributeNames: [name],
  categories: ['INVALID_ATTRIBUTE'],
});

const missingAttribute = (name: string): Issue => ({
  code: '90220',
  message: `'${name}' is required but not supplied.`,
  severity: 'ERROR',
  attributeNames: [name],
  categories: ['MISSING_ATTRIBUTE'],
});

/**
 * Issues with the attributes of a listing in a marketplace: every attribute value must be an array; a
 * `purchasable_offer` needs the marketplace's currency and a positive `our_price`; a SKU new to the marketplace needs
 * `condition_type`, and (unless only an offer is listed against an existing ASIN) an `item_name`.
 */
export function attributeIssues(
  attributes: Record<string, unknown>,
  market: ScenarioMarketplace,
  isNew: boolean,
  requirements: string | undefined,
): Issue[] {
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (!Array.isArray(value)) issues.push(invalidAttribute(name, `'${name}' must be an array of values.`));
  }
  const offers = attributes.purchasable_offer;
  if (Array.isArray(offers)) {
    const offer = entryFor(offers, market.marketplaceId);
    if (!offer) {
      issues.push(invalidAttribute('purchasable_offer', `no offer for marketplace ${market.marketplaceId}.`));
    } else {
      if (offer.currency !== undefined && offer.currency !== market.currency) {
        issues.push(invalidAttribute('purchasable_offer', `currency must be ${market.currency} in this marketplace.`));
      }
      const schedule = (Array.isArray(offer.our_price) ? (offer.our_price[0] as { schedule?: unknown }) : undefined)
        ?.schedule;
      const value = Array.isArray(schedule) ? (schedule[0] as { value_with_tax?: unknown })?.value_with_tax : undefined;
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
        issues.push(
          invalidAttribute('purchasable_offer', 'our_price[0].schedule[0].value_with_tax must be a positive number.'),
        );
      }
    }
  }
  if (isNew) {
    if (!attributes.condition_type) issues.push(missingAttribute('condition_type'));
    const offerOnly = requirements === 'LISTING_OFFER_ONLY';
    if (offerOnly && !attributes.merchant_suggested_asin) issues.push(missingAttribute('merchant_suggested_asin'));
    if (!offerOnly && !attributes.item_name && !attributes.merchant_suggested_asin)
      issues.push(missingAttribute('item_name'));
  }
  return issues;
}
