import { createHash } from 'node:crypto';
import { type AdsReply, adsError } from './http.ts';
import { ENTITY_STATES, type SpEntitySpec } from './sp-entities.ts';
import { applyUpdate, buildEntity, entityNotFound, type MutationError, missingValue } from './sp-validate.ts';
import type { ProfileData, StoredEntity } from './store.ts';

/**
 * Sponsored Products v3 list / create / update / delete for every entity of sp-entities.ts: versioned media types,
 * 207 multi-status bodies (`{<key>: {success: [{index, <id>, <entity>?}], error: [{index, errors}]}}`), 1000 items
 * per request, `Prefer: return=representation`, list filters and nextToken pagination.
 */

export type SpAction = 'list' | 'create' | 'update' | 'delete';

export interface SpCall {
  action: SpAction;
  body: Record<string, unknown> | undefined;
  contentType: string | undefined;
  prefer: string | undefined;
  data: ProfileData;
  now: number;
}

const MAX_ITEMS = 1000;
/** Page size when maxResults is absent, and the largest accepted [I: Amazon documents no number]. */
const DEFAULT_PAGE = 1000;
const MAX_PAGE = 5000;

type Item = Record<string, unknown>;

/** Answers one SP v3 entity call. */
export function handleSp(spec: SpEntitySpec, call: SpCall): AdsReply {
  const type = (call.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== spec.mediaType.toLowerCase()) {
    return adsError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${spec.mediaType}.`);
  }
  if (call.action === 'list') return list(spec, call);
  if (!call.body) return adsError(400, 'INVALID_ARGUMENT', 'The request body must be a JSON object.');
  return mutate(spec, call, call.body);
}

function mutate(spec: SpEntitySpec, call: SpCall, body: Item): AdsReply {
  const { data, now } = call;
  const store = data.sp[spec.resource];
  const key = call.action === 'delete' ? spec.idFilter : spec.key;
  const raw = call.action === 'delete' ? (body[key] as Item | undefined)?.include : body[key];
  if (!Array.isArray(raw)) {
    const what = call.action === 'delete' ? `${key}.include` : key;
    return adsError(400, 'INVALID_ARGUMENT', `The request must contain the array ${what}.`);
  }
  if (raw.length > MAX_ITEMS) {
    return adsError(
      400,
      'INVALID_ARGUMENT',
      `${key} accepts at most ${MAX_ITEMS} items per request; got ${raw.length}.`,
    );
  }
  const representation = /return=representation/i.test(call.prefer ?? '');
  const success: Item[] = [];
  const error: { index: number; errors: MutationError[] }[] = [];
  const today = new Date(now).toISOString().slice(0, 10);
  for (const [index, element] of raw.entries()) {
    const loc = call.action === 'delete' ? `$.${key}.include[${index}]` : `$.${key}[${index}]`;
    let outcome: { ok: true; stored: StoredEntity } | { ok: false; errors: MutationError[] };
    if (call.action === 'delete') {
      const stored = store.get(String(element));
      if (!stored) outcome = { ok: false, errors: [entityNotFound(spec, String(element), loc)] };
      else {
        stored.data.state = 'ARCHIVED';
        stored.updatedAt = now;
        outcome = { ok: true, stored };
      }
    } else if (!element || typeof element !== 'object' || Array.isArray(element)) {
      outcome = { ok: false, errors: [missingValue(loc, spec.successEntityKey)] };
    } else if (call.action === 'create') {
      const built = buildEntity(spec, element as Item, loc, data, today);
      outcome = built.ok ? { ok: true, stored: data.insert(spec.resource, built.entity) } : built;
    } else {
      const id = (element as Item)[spec.idField];
      const stored = id === undefined ? undefined : store.get(String(id));
      if (id === undefined) outcome = { ok: false, errors: [missingValue(`${loc}.${spec.idField}`, spec.idField)] };
      else if (!stored) outcome = { ok: false, errors: [entityNotFound(spec, String(id), `${loc}.${spec.idField}`)] };
      else {
        const updated = applyUpdate(spec, stored, element as Item, loc, data);
        if (updated.ok) stored.updatedAt = now;
        outcome = updated.ok ? { ok: true, stored } : updated;
      }
    }
    if (!outcome.ok) {
      error.push({ index, errors: outcome.errors });
      continue;
    }
    const id = String(outcome.stored.data[spec.idField]);
    success.push({
      [spec.successIdKey]: id,
      index,
      ...(representation ? { [spec.successEntityKey]: { ...outcome.stored.data } } : {}),
    });
  }
  return {
    status: 207,
    body: { [spec.key]: { success, error } },
    contentType: spec.mediaType,
    headers: representation ? { 'Preference-Applied': 'return=representation' } : {},
  };
}

function list(spec: SpEntitySpec, call: SpCall): AdsReply {
  const body = call.body ?? {};
  const filters = parseFilters(spec, body);
  if (typeof filters === 'string') return adsError(400, 'INVALID_ARGUMENT', filters);
  const maxResults = body.maxResults === undefined ? DEFAULT_PAGE : Number(body.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_PAGE) {
    return adsError(400, 'INVALID_ARGUMENT', `maxResults must be between 1 and ${MAX_PAGE}.`);
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ ...body, maxResults: undefined, nextToken: undefined }))
    .digest('hex')
    .slice(0, 12);
  let offset = 0;
  if (body.nextToken !== undefined) {
    const token = decodeToken(body.nextToken);
    if (!token || token.f !== fingerprint) return adsError(400, 'INVALID_ARGUMENT', 'nextToken is invalid or expired.');
    offset = token.o;
  }
  const campaigns = call.data.sp.campaigns;
  const all = [...call.data.sp[spec.resource].values()].filter((s) => filters.every((f) => f(s.data, campaigns)));
  const page = all
    .slice(offset, offset + maxResults)
    .map((s) => view(spec, s, body.includeExtendedDataFields === true));
  const next = offset + maxResults < all.length ? { nextToken: encodeToken(offset + maxResults, fingerprint) } : {};
  return {
    status: 200,
    body: { [spec.key]: page, totalResults: all.length, ...next },
    contentType: spec.mediaType,
  };
}

type Filter = (entity: Item, campaigns: Map<string, StoredEntity>) => boolean;

function parseFilters(spec: SpEntitySpec, body: Item): Filter[] | string {
  const filters: Filter[] = [];
  const includeOf = (name: string, max: number): string[] | undefined | string => {
    const f = body[name];
    if (f === undefined) return undefined;
    const list = f && typeof f === 'object' ? (f as Item).include : undefined;
    if (!Array.isArray(list)) return `${name}.include must be an array.`;
    if (list.length > max) return `${name}.include accepts at most ${max} values.`;
    return list.map(String);
  };
  const idFilters: [string, string, number][] = [
    [spec.idFilter, spec.idField, 1000],
    ['campaignIdFilter', 'campaignId', spec.resource === 'campaigns' ? 1000 : 100],
    ['adGroupIdFilter', 'adGroupId', spec.resource === 'adGroups' ? 1000 : 100],
    ['portfolioIdFilter', 'portfolioId', 100],
  ];
  for (const [name, field, max] of idFilters) {
    const values = includeOf(name, max);
    if (typeof values === 'string') return values;
    if (values) filters.push((e) => values.includes(String(e[field])));
  }
  const states = includeOf('stateFilter', 10);
  if (typeof states === 'string') return states;
  if (states) {
    const bad = states.find((s) => !ENTITY_STATES.includes(s));
    if (bad) return `stateFilter has an invalid state ${bad}.`;
    filters.push((e) => states.includes(String(e.state)));
  }
  const textFilter = (name: string, field: string) => {
    const f = body[name] as Item | undefined;
    if (!f) return;
    const terms = Array.isArray(f.include) ? f.include.map(String) : [];
    const broad = f.queryTermMatchType === 'BROAD_MATCH';
    filters.push((e) => {
      const value = String(e[field] ?? '').toLowerCase();
      return broad ? value.includes((terms[0] ?? '').toLowerCase()) : terms.some((t) => t.toLowerCase() === value);
    });
  };
  textFilter('nameFilter', 'name');
  if (spec.textFilter) textFilter(spec.textFilter, 'keywordText');
  if (Array.isArray(body.matchTypeFilter)) {
    const types = body.matchTypeFilter.map(String);
    filters.push((e) => types.includes(String(e.matchType)));
  }
  const expressionTypes = includeOf('expressionTypeFilter', 2);
  if (typeof expressionTypes === 'string') return expressionTypes;
  if (expressionTypes) filters.push((e) => expressionTypes.includes(String(e.expressionType)));
  const asins = includeOf('asinFilter', 100);
  if (typeof asins === 'string') return asins;
  if (asins) {
    filters.push((e) => Array.isArray(e.expression) && e.expression.some((p: Item) => asins.includes(String(p.value))));
  }
  if (body.campaignTargetingTypeFilter !== undefined) {
    const t = String(body.campaignTargetingTypeFilter);
    filters.push((e, campaigns) => campaigns.get(String(e.campaignId))?.data.targetingType === t);
  }
  return filters;
}

const SERVING: Record<string, [string, string, string]> = {
  campaigns: ['CAMPAIGN_STATUS_ENABLED', 'CAMPAIGN_PAUSED', 'CAMPAIGN_ARCHIVED'],
  adGroups: ['AD_GROUP_STATUS_ENABLED', 'AD_GROUP_PAUSED', 'AD_GROUP_ARCHIVED'],
  productAds: ['AD_STATUS_LIVE', 'AD_PAUSED', 'AD_ARCHIVED'],
};
const CLAUSE_SERVING: [string, string, string] = [
  'TARGETING_CLAUSE_STATUS_LIVE',
  'TARGETING_CLAUSE_PAUSED',
  'TARGETING_CLAUSE_ARCHIVED',
];

function view(spec: SpEntitySpec, s: StoredEntity, extended: boolean): Item {
  if (!extended) return { ...s.data };
  const [live, paused, archived] = SERVING[spec.resource] ?? CLAUSE_SERVING;
  const state = s.data.state;
  return {
    ...s.data,
    extendedData: {
      creationDateTime: new Date(s.createdAt).toISOString(),
      lastUpdateDateTime: new Date(s.updatedAt).toISOString(),
      servingStatus: state === 'ARCHIVED' ? archived : state === 'PAUSED' ? paused : live,
      servingStatusDetails: [],
    },
  };
}

function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

function decodeToken(token: unknown): { o: number; f: string } | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    return typeof v.o === 'number' && typeof v.f === 'string' ? { o: v.o, f: v.f } : undefined;
  } catch {
    return undefined;
  }
}
