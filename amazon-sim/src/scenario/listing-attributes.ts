import type { Product, ScenarioMarketplace, VariationFamily } from './scenario-types.ts';

/**
 * Listing attribute JSON in the shape the Listings Items API and JSON_LISTINGS_FEED use (attribute name → array of
 * values tagged with marketplace_id / language_tag), built from a catalog product, and the helpers that read a price
 * out of a `purchasable_offer` and apply JSON-Patch-style edits.
 */

export type Attributes = Record<string, unknown>;

/** Attributes of a catalog product's listing in one marketplace. */
export function productAttributes(
  product: Product,
  family: VariationFamily | undefined,
  market: ScenarioMarketplace,
  price: number | undefined,
): Attributes {
  const marketplace_id = market.marketplaceId;
  const language_tag = market.facts.defaultLanguageCode;
  const text = (value: string) => [{ value, language_tag, marketplace_id }];
  const attrs: Attributes = {
    item_name: text(product.title),
    brand: text(product.brand),
    condition_type: [{ value: 'new_new', marketplace_id }],
    fulfillment_availability: [
      product.fulfillment === 'AFN'
        ? { fulfillment_channel_code: market.facts.afnChannelCode, marketplace_id }
        : { fulfillment_channel_code: 'DEFAULT', quantity: product.merchantQuantity, marketplace_id },
    ],
    item_package_dimensions: [
      {
        length: { value: product.lengthCm, unit: 'centimeters' },
        width: { value: product.widthCm, unit: 'centimeters' },
        height: { value: product.heightCm, unit: 'centimeters' },
        marketplace_id,
      },
    ],
    item_package_weight: [{ value: product.weightG / 1000, unit: 'kilograms', marketplace_id }],
  };
  if (price !== undefined) attrs.purchasable_offer = [offerAttribute(market, price)];
  if (family && product.variant !== undefined) {
    attrs.parentage_level = [{ value: 'child', marketplace_id }];
    attrs.child_parent_sku_relationship = [
      { child_relationship_type: 'variation', parent_sku: family.parentSku, marketplace_id },
    ];
    attrs.variation_theme = [{ name: family.theme, marketplace_id }];
    const parts = product.variant.split('/');
    family.themeAttributes.forEach((name, i) => {
      attrs[name] = text(parts[i] ?? product.variant ?? '');
    });
  }
  return attrs;
}

/** Attributes of a variation parent (not buyable itself). */
export function parentAttributes(family: VariationFamily, market: ScenarioMarketplace): Attributes {
  const marketplace_id = market.marketplaceId;
  const language_tag = market.facts.defaultLanguageCode;
  return {
    item_name: [{ value: family.title, language_tag, marketplace_id }],
    brand: [{ value: family.brand, language_tag, marketplace_id }],
    parentage_level: [{ value: 'parent', marketplace_id }],
    variation_theme: [{ name: family.theme, marketplace_id }],
  };
}

/** A `purchasable_offer` entry with one regular price. */
export function offerAttribute(market: ScenarioMarketplace, price: number): Record<string, unknown> {
  return {
    marketplace_id: market.marketplaceId,
    currency: market.currency,
    audience: 'ALL',
    our_price: [{ schedule: [{ value_with_tax: price / 10 ** market.facts.currencyDigits }] }],
  };
}

/** The entry of a multi-marketplace attribute that applies to `marketplaceId` (tagged with it, or untagged). */
export function entryFor(value: unknown, marketplaceId: string): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  return (
    entries.find((e) => e.marketplace_id === marketplaceId) ??
    entries.find((e) => e.marketplace_id === undefined && (e.audience === undefined || e.audience === 'ALL'))
  );
}

/** The regular B2C price in minor units from `purchasable_offer`, if the attributes carry one. */
export function offerPrice(attrs: Attributes, marketplaceId: string, digits: number): number | undefined {
  const offer = entryFor(attrs.purchasable_offer, marketplaceId);
  const ourPrice = offer?.our_price;
  if (!Array.isArray(ourPrice)) return undefined;
  const schedule = (ourPrice[0] as { schedule?: unknown } | undefined)?.schedule;
  if (!Array.isArray(schedule)) return undefined;
  const value = (schedule[0] as { value_with_tax?: unknown } | undefined)?.value_with_tax;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n * 10 ** digits) : undefined;
}

/** The text value of an attribute for a marketplace (e.g. item_name). */
export function textValue(attrs: Attributes, name: string, marketplaceId: string): string | undefined {
  const v = entryFor(attrs[name], marketplaceId)?.value;
  return typeof v === 'string' ? v : undefined;
}

export interface PatchOp {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: unknown[];
}

/** Applies patches (`/attributes/<name>` paths) to a copy of the attributes. */
export function applyPatches(attrs: Attributes, patches: PatchOp[]): Attributes {
  const out: Attributes = structuredClone(attrs);
  for (const patch of patches) {
    const name = patch.path.slice('/attributes/'.length);
    if (patch.op === 'add' || patch.op === 'replace') {
      out[name] = structuredClone(patch.value ?? []);
    } else if (patch.op === 'merge') {
      const current = Array.isArray(out[name]) ? [...(out[name] as unknown[])] : [];
      for (const v of patch.value ?? []) {
        const at = current.findIndex((c) => sameTarget(c, v));
        if (at >= 0 && isObject(current[at]) && isObject(v)) current[at] = { ...current[at], ...v };
        else current.push(structuredClone(v));
      }
      out[name] = current;
    } else if (!patch.value || patch.value.length === 0) {
      delete out[name];
    } else {
      const current = Array.isArray(out[name]) ? (out[name] as unknown[]) : [];
      const kept = current.filter((c) => !(patch.value ?? []).some((v) => sameTarget(c, v)));
      if (kept.length > 0) out[name] = kept;
      else delete out[name];
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Two attribute entries address the same value when marketplace and language agree. */
function sameTarget(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  return a.marketplace_id === b.marketplace_id && a.language_tag === b.language_tag;
}
