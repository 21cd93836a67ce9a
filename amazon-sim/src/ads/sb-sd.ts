import { type AdsReply, adsError } from './http.ts';
import type { ProfileData } from './store.ts';

/**
 * Minimal Sponsored Brands and Sponsored Display campaign lists, shaped like the saved responses of Amazon's Postman
 * collection: `POST /sb/v4/campaigns/list` (`{campaigns, totalCount}`) and `GET /sd/campaigns` (a bare array with
 * lower-case states, numeric ids and `YYYYMMDD` dates).
 */

const SB_MEDIA = 'application/vnd.sbcampaignresource.v4+json';
const SB_MAX = 100;

/** POST /sb/v4/campaigns/list with stateFilter / campaignIdFilter / nameFilter, maxResults and nextToken. */
export function listSbCampaigns(data: ProfileData, body: Record<string, unknown> | undefined | null): AdsReply {
  if (body === null) return adsError(400, 'INVALID_ARGUMENT', 'The request body is not a JSON object.');
  const include = (name: string) => {
    const f = body?.[name] as { include?: unknown } | undefined;
    return Array.isArray(f?.include) ? f.include.map(String) : undefined;
  };
  const states = include('stateFilter');
  const ids = include('campaignIdFilter');
  const names = include('nameFilter');
  const all = data.sb.filter(
    (c) =>
      (!states || states.includes(String(c.state))) &&
      (!ids || ids.includes(String(c.campaignId))) &&
      (!names || names.some((n) => String(c.name).toLowerCase().includes(n.toLowerCase()))),
  );
  const max = body?.maxResults === undefined ? SB_MAX : Number(body.maxResults);
  if (!Number.isInteger(max) || max < 1 || max > SB_MAX) {
    return adsError(400, 'INVALID_ARGUMENT', `maxResults must be between 1 and ${SB_MAX}.`);
  }
  const start = body?.nextToken === undefined ? 0 : Number(Buffer.from(String(body.nextToken), 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) return adsError(400, 'INVALID_ARGUMENT', 'nextToken is invalid.');
  const page = all.slice(start, start + max);
  const next = start + max < all.length ? { nextToken: Buffer.from(String(start + max)).toString('base64url') } : {};
  return { status: 200, body: { campaigns: page, totalCount: all.length, ...next }, contentType: SB_MEDIA };
}

/** GET /sd/campaigns with the v2-style query filters stateFilter, campaignIdFilter, name, startIndex and count. */
export function listSdCampaigns(data: ProfileData, query: URLSearchParams): AdsReply {
  const list = (name: string) => query.get(name)?.split(',').filter(Boolean);
  const states = list('stateFilter');
  const ids = list('campaignIdFilter');
  const name = query.get('name');
  const startIndex = Number(query.get('startIndex') ?? 0);
  const count = Number(query.get('count') ?? 100);
  if (!Number.isInteger(startIndex) || startIndex < 0 || !Number.isInteger(count) || count < 1) {
    return adsError(400, 'INVALID_ARGUMENT', 'startIndex must be >= 0 and count >= 1.');
  }
  const all = data.sd.filter(
    (c) =>
      (!states || states.includes(String(c.state))) &&
      (!ids || ids.includes(String(c.campaignId))) &&
      (!name || c.name === name),
  );
  return { status: 200, body: all.slice(startIndex, startIndex + count), contentType: 'application/json' };
}
