import { NEGATIVE_TARGET_PREDICATES, type SpEntitySpec, TARGET_PREDICATES, WRITABLE_STATES } from './sp-entities.ts';
import type { ProfileData, StoredEntity } from './store.ts';

/**
 * Item-level validation of SP v3 create and update requests. Failures become the spec's mutation errors
 * (`{errorType, errorValue: {<errorType>: {reason, cause: {location, trigger?}, message, …}}}`) in the 207 body.
 */

export interface MutationError {
  errorType: string;
  errorValue: Record<string, unknown>;
}

type Item = Record<string, unknown>;
type Result = { ok: true; entity: Item } | { ok: false; errors: MutationError[] };

const error = (kind: string, detail: Record<string, unknown>): MutationError => ({
  errorType: kind,
  errorValue: { [kind]: detail },
});
const cause = (location: string, trigger?: unknown) =>
  trigger === undefined ? { location } : { location, trigger: String(trigger) };

/** MISSING_VALUE at `location`. */
export function missingValue(location: string, field: string): MutationError {
  return error('missingValueError', {
    reason: 'MISSING_VALUE',
    cause: cause(location),
    message: `${field} is required.`,
  });
}

/** ENTITY_NOT_FOUND for an id of the request. */
export function entityNotFound(spec: SpEntitySpec, id: string, location: string): MutationError {
  return error('entityNotFoundError', {
    reason: 'ENTITY_NOT_FOUND',
    entityType: spec.entityType,
    entityId: id,
    cause: cause(location, id),
    message: `${spec.entityType} ${id} was not found.`,
  });
}

function invalidEnum(location: string, value: unknown, allowed: string[]): MutationError {
  return error('rangeError', {
    reason: 'INVALID_ENUM_VALUE',
    allowed,
    cause: cause(location, value),
    message: `Invalid value; allowed: ${allowed.join(', ')}.`,
  });
}

/** Bid and budget limits per currency [I: Amazon's published US/JP minimums and maximums]. */
function limits(currency: string) {
  return currency === 'JPY'
    ? { bid: [2, 100_000], budget: [100, 21_000_000] }
    : { bid: [0.02, 1000], budget: [1, 1_000_000] };
}

function checkBid(v: unknown, location: string, currency: string): MutationError | undefined {
  const [low = 0, high = 0] = limits(currency).bid;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < low || v > high) {
    return error('biddingError', {
      reason: 'BID_OUT_OF_MARKET_PLACE_RANGE',
      lowerLimit: String(low),
      upperLimit: String(high),
      cause: cause(location, v),
      message: `The bid must be between ${low} and ${high} ${currency}.`,
    });
  }
  return undefined;
}

function checkBudget(v: unknown, location: string, currency: string): MutationError | undefined {
  const b = v && typeof v === 'object' ? (v as Item) : undefined;
  if (!b || b.budget === undefined) return missingValue(`${location}.budget`, 'budget.budget');
  if (b.budgetType !== 'DAILY') return invalidEnum(`${location}.budgetType`, b.budgetType, ['DAILY']);
  const [low = 0, high = 0] = limits(currency).budget;
  const amount = b.budget;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < low || amount > high) {
    const reason = typeof amount === 'number' && amount > high ? 'BUDGET_TOO_HIGH' : 'BUDGET_TOO_LOW';
    return error('budgetError', {
      reason,
      lowerLimit: String(low),
      upperLimit: String(high),
      cause: cause(`${location}.budget`, amount),
      message: `The daily budget must be between ${low} and ${high} ${currency}.`,
    });
  }
  return undefined;
}

function checkText(v: unknown, location: string, max: number): MutationError | undefined {
  const reason =
    typeof v !== 'string' || v.trim() === ''
      ? 'BLANK'
      : v !== v.trim()
        ? 'LEADING_OR_TRAILING_WHITESPACE'
        : v.length > max
          ? 'TOO_LONG'
          : undefined;
  if (!reason) return undefined;
  return error('malformedValueError', { reason, cause: cause(location, v), message: `Invalid text (${reason}).` });
}

function checkDate(v: unknown, location: string): MutationError | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return undefined;
  return error('dateError', { reason: 'INVALID_DATE', cause: cause(location, v), message: 'Dates are YYYY-MM-DD.' });
}

function checkExpression(v: unknown, location: string, allowed: string[]): MutationError | undefined {
  if (!Array.isArray(v) || v.length === 0) return missingValue(location, 'expression');
  for (const [i, p] of v.entries()) {
    const type = p && typeof p === 'object' ? (p as Item).type : undefined;
    if (typeof type !== 'string' || !allowed.includes(type))
      return invalidEnum(`${location}[${i}].type`, type, allowed);
  }
  return undefined;
}

function parentError(location: string, reason: string, message: string): MutationError {
  return error('parentEntityError', { reason, cause: cause(location), message });
}

const live = (s: StoredEntity | undefined) => s !== undefined && s.data.state !== 'ARCHIVED';

/** Validates one create item and builds the entity (id assigned), or returns its errors. */
export function buildEntity(spec: SpEntitySpec, item: Item, loc: string, data: ProfileData, today: string): Result {
  const currency = data.profile.currencyCode;
  const errors: MutationError[] = [];
  for (const f of spec.required)
    if (item[f] === undefined || item[f] === null) errors.push(missingValue(`${loc}.${f}`, f));
  if (spec.resource === 'productAds' && item.sku === undefined && item.asin === undefined) {
    errors.push(missingValue(`${loc}.sku`, 'sku'));
  }
  if (errors.length) return { ok: false, errors };
  if (!WRITABLE_STATES.includes(String(item.state)))
    errors.push(invalidEnum(`${loc}.state`, item.state, WRITABLE_STATES));

  let campaign: StoredEntity | undefined;
  if (spec.parent !== 'none') {
    campaign = data.sp.campaigns.get(String(item.campaignId));
    if (!campaign)
      errors.push(parentError(`${loc}.campaignId`, 'PARENT_ENTITY_NOT_FOUND', 'The campaign does not exist.'));
    else if (!live(campaign))
      errors.push(parentError(`${loc}.campaignId`, 'PARENT_ENTITY_ARCHIVED', 'The campaign is archived.'));
  }
  if (spec.parent === 'adGroup') {
    const group = data.sp.adGroups.get(String(item.adGroupId));
    if (!group || group.data.campaignId !== item.campaignId) {
      errors.push(
        parentError(`${loc}.adGroupId`, 'PARENT_ENTITY_NOT_FOUND', 'The ad group does not exist in this campaign.'),
      );
    } else if (!live(group)) {
      errors.push(parentError(`${loc}.adGroupId`, 'PARENT_ENTITY_ARCHIVED', 'The ad group is archived.'));
    }
  }
  const manualOnly = ['keywords', 'targets'].includes(spec.resource);
  if (manualOnly && campaign && campaign.data.targetingType !== 'MANUAL') {
    errors.push(
      error('otherError', {
        reason: 'OTHER_ERROR',
        cause: cause(`${loc}.campaignId`),
        message: 'Keywords and manual targets need a MANUAL campaign.',
      }),
    );
  }
  const id = { [spec.idField]: data.newId() };
  const entity: Item = { ...id };
  const copy = (...fields: string[]) => {
    for (const f of fields) if (item[f] !== undefined) entity[f] = item[f];
  };
  switch (spec.resource) {
    case 'campaigns': {
      const push = (e: MutationError | undefined) => e && errors.push(e);
      push(checkText(item.name, `${loc}.name`, 128));
      if (!['AUTO', 'MANUAL'].includes(String(item.targetingType))) {
        errors.push(invalidEnum(`${loc}.targetingType`, item.targetingType, ['AUTO', 'MANUAL']));
      }
      push(checkBudget(item.budget, `${loc}.budget`, currency));
      push(checkDate(item.startDate, `${loc}.startDate`));
      push(checkDate(item.endDate, `${loc}.endDate`));
      const startDate = typeof item.startDate === 'string' ? item.startDate : today;
      if (typeof item.endDate === 'string' && item.endDate < startDate) {
        errors.push(
          error('dateError', {
            reason: 'START_DATE_AFTER_END_DATE',
            cause: cause(`${loc}.endDate`),
            message: 'endDate is before startDate.',
          }),
        );
      }
      if ([...data.sp.campaigns.values()].some((c) => live(c) && c.data.name === item.name)) {
        errors.push(
          error('duplicateValueError', {
            reason: 'NAME_NOT_UNIQUE',
            cause: cause(`${loc}.name`, item.name),
            message: 'A campaign with this name exists.',
          }),
        );
      }
      const budget = item.budget as Item;
      Object.assign(entity, {
        name: item.name,
        targetingType: item.targetingType,
        state: item.state,
        startDate,
        budget: { budget: budget?.budget, budgetType: 'DAILY' },
        dynamicBidding: item.dynamicBidding ?? { strategy: 'LEGACY_FOR_SALES', placementBidding: [] },
      });
      copy('endDate', 'portfolioId', 'tags', 'siteRestrictions', 'offAmazonSettings');
      break;
    }
    case 'adGroups': {
      const e = checkText(item.name, `${loc}.name`, 255) ?? checkBid(item.defaultBid, `${loc}.defaultBid`, currency);
      if (e) errors.push(e);
      copy('campaignId', 'name', 'state', 'defaultBid');
      break;
    }
    case 'keywords':
    case 'negativeKeywords':
    case 'campaignNegativeKeywords': {
      const e = checkText(item.keywordText, `${loc}.keywordText`, 80);
      if (e) errors.push(e);
      const matchTypes = spec.matchTypes ?? [];
      if (!matchTypes.includes(String(item.matchType)))
        errors.push(invalidEnum(`${loc}.matchType`, item.matchType, matchTypes));
      if (item.bid !== undefined) {
        const b = checkBid(item.bid, `${loc}.bid`, currency);
        if (b) errors.push(b);
      }
      const siblings = [...data.sp[spec.resource].values()].filter((k) => live(k));
      const same = (k: StoredEntity) =>
        k.data.keywordText === item.keywordText &&
        k.data.matchType === item.matchType &&
        (spec.parent === 'campaign' ? k.data.campaignId === item.campaignId : k.data.adGroupId === item.adGroupId);
      if (siblings.some(same)) {
        errors.push(
          error('duplicateValueError', {
            reason: 'DUPLICATE_VALUE',
            cause: cause(`${loc}.keywordText`, item.keywordText),
            message: 'This keyword already exists.',
          }),
        );
      }
      copy(
        'campaignId',
        'adGroupId',
        'keywordText',
        'matchType',
        'state',
        'nativeLanguageKeyword',
        'nativeLanguageLocale',
      );
      if (spec.resource === 'keywords') copy('bid');
      break;
    }
    case 'targets':
    case 'negativeTargets':
    case 'campaignNegativeTargets': {
      const allowed = spec.resource === 'targets' ? TARGET_PREDICATES : NEGATIVE_TARGET_PREDICATES;
      const e = checkExpression(item.expression, `${loc}.expression`, allowed);
      if (e) errors.push(e);
      if (spec.resource === 'targets') {
        if (item.expressionType !== 'MANUAL')
          errors.push(invalidEnum(`${loc}.expressionType`, item.expressionType, ['MANUAL']));
        if (item.bid !== undefined) {
          const b = checkBid(item.bid, `${loc}.bid`, currency);
          if (b) errors.push(b);
        }
      }
      copy('campaignId', 'adGroupId', 'expression', 'expressionType', 'state', 'bid');
      entity.resolvedExpression = item.expression;
      break;
    }
    case 'productAds': {
      copy('campaignId', 'adGroupId', 'state', 'sku', 'customText', 'globalStoreSetting');
      entity.asin = typeof item.asin === 'string' ? item.asin : data.productOf(String(item.sku)).asin;
      break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, entity };
}

/** Validates one update item against the stored entity and applies it, or returns its errors. */
export function applyUpdate(
  spec: SpEntitySpec,
  stored: StoredEntity,
  item: Item,
  loc: string,
  data: ProfileData,
): Result {
  const currency = data.profile.currencyCode;
  const errors: MutationError[] = [];
  if (stored.data.state === 'ARCHIVED') {
    errors.push(
      error('entityStateError', {
        reason: 'ARCHIVED_ENTITY_CANNOT_BE_MODIFIED',
        entityType: spec.entityType,
        cause: cause(`${loc}.${spec.idField}`, stored.data[spec.idField]),
        message: 'Archived entities cannot be modified.',
      }),
    );
    return { ok: false, errors };
  }
  const changes: Item = {};
  if (item.state !== undefined) {
    if (WRITABLE_STATES.includes(String(item.state))) changes.state = item.state;
    else errors.push(invalidEnum(`${loc}.state`, item.state, WRITABLE_STATES));
  }
  for (const f of spec.updatable) {
    const v = item[f];
    if (v === undefined) continue;
    const e =
      f === 'bid' || f === 'defaultBid'
        ? checkBid(v, `${loc}.${f}`, currency)
        : f === 'budget'
          ? checkBudget(v, `${loc}.budget`, currency)
          : f === 'name'
            ? checkText(v, `${loc}.name`, 128)
            : f === 'startDate' || f === 'endDate'
              ? checkDate(v, `${loc}.${f}`)
              : f === 'expression'
                ? checkExpression(
                    v,
                    `${loc}.expression`,
                    spec.resource === 'targets' ? TARGET_PREDICATES : NEGATIVE_TARGET_PREDICATES,
                  )
                : undefined;
    if (e) errors.push(e);
    else changes[f] = f === 'budget' ? { budget: (v as Item).budget, budgetType: 'DAILY' } : v;
  }
  if (spec.resource === 'targets' && stored.data.expressionType === 'AUTO' && changes.expression) {
    errors.push(invalidEnum(`${loc}.expression`, 'AUTO', ['MANUAL']));
  }
  if (errors.length) return { ok: false, errors };
  if (changes.expression) changes.resolvedExpression = changes.expression;
  Object.assign(stored.data, changes);
  return { ok: true, entity: stored.data };
}
