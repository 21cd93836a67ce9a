import { localDate } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import {
  type AdsConnection,
  checkAborted,
  DAY_MS,
  type RunEnv,
  type RunResult,
  type SyncHandler,
  type SyncTarget,
} from '../sync/index.js';
import {
  type ProfileScope,
  replaceReportDays,
  upsertAdGroups,
  upsertCampaigns,
  upsertProfiles,
  upsertTargets,
} from './ads.repository.js';
import {
  type CampaignRecord,
  mapAdGroup,
  mapKeyword,
  mapProfile,
  mapSbCampaign,
  mapSdCampaign,
  mapSpCampaign,
  mapTarget,
  type ProfileRecord,
} from './ads-mappers.js';
import { ADS_REPORTS, type AdsReportKind, readReportRows, reportRequest, reportSpec } from './ads-report-rows.js';

/**
 * The Amazon Ads data types.
 *
 * `ads-entities` (every 6 h): the store's advertiser profiles (GET /v2/profiles, one per marketplace, mapped by
 * marketplace id or country code; profiles of marketplaces the store does not sell in are skipped), then per profile
 * SP campaigns, ad groups, keywords and targeting clauses (SP v3 list, nextToken pages), SB campaigns (v4 list) and
 * SD campaigns (startIndex pages). Every page is committed with the cursor that follows it; a page token that expired
 * across a crash restarts that list. Amazon archives rather than deletes, so archived entities stay with their state.
 *
 * `ads-reports` (daily): reporting v3 DAILY reports per profile for SP campaigns, ad groups, placements, targeting,
 * search terms, advertised products and SB / SD campaigns. The first run backfills 60 days (within each report's
 * retention); later runs re-read the last 14 days, in which attributed sales still change, through yesterday in the
 * profile's time zone. Planned reports and their ids live in the cursor (a restart neither re-plans nor re-requests);
 * each report replaces its days' rows in one commit that also removes it from the cursor.
 */

/** Days of history the first reports run fetches. */
export const ADS_HISTORY_DAYS = 60;
/** Days a later run re-reads: attribution (up to 14 days) changes the recent days' sales [I]. */
const RELOAD_DAYS = 14;
/** Longest span of one report (reporting v3 allows 31 days). */
const MAX_SPAN_DAYS = 31;
/** Reports requested ahead of the one being downloaded [I: Amazon queues an account's reports and answers 429 when too many are in flight; twenty keeps one batch of a profile's windows in flight]. */
const REPORTS_AHEAD = 20;
const STATES = ['ENABLED', 'PAUSED', 'ARCHIVED'];
const KIND_ORDER: AdsReportKind[] = [
  'campaign',
  'searchTerm',
  'targeting',
  'advertisedProduct',
  'adGroup',
  'placement',
  'sbCampaign',
  'sdCampaign',
];

export interface AdsProfileInfo extends ProfileScope {
  timeZone: string;
}

type Json = Record<string, unknown>;

/** Reads the store's profiles and stores the ones of its marketplaces (committed with the cursor unchanged). */
async function syncProfiles(env: RunEnv, ads: AdsConnection): Promise<AdsProfileInfo[]> {
  const res = await ads.call<Json[]>(null, { operation: 'profiles/listProfiles', method: 'GET', path: '/v2/profiles' });
  const list = Array.isArray(res.body) ? res.body.map(mapProfile) : [];
  const mine: (ProfileRecord & { marketplaceId: string })[] = [];
  for (const p of list) {
    const m = marketplaceOf(env.target, p);
    if (m && p.currency) mine.push({ ...p, marketplaceId: m });
  }
  mine.sort((a, b) => a.profileId.localeCompare(b.profileId));
  await env.commit(async (ctx) => {
    const out = await upsertProfiles(ctx, env.target, mine);
    return out.created + out.updated;
  }, env.cursor);
  return mine.map((p) => ({
    profileId: p.profileId,
    marketplaceId: p.marketplaceId,
    currency: p.currency,
    timeZone: p.timeZone || env.target.timeZoneOf(p.marketplaceId),
  }));
}

function marketplaceOf(target: SyncTarget, p: ProfileRecord): string | undefined {
  const code = p.countryCode === 'GB' ? 'UK' : p.countryCode;
  return (
    target.marketplaces.find((m) => m.marketplaceId === p.marketplaceStringId)?.marketplaceId ??
    target.marketplaces.find((m) => m.code === code)?.marketplaceId
  );
}

// ---- entities ----------------------------------------------------------------------------------------------------

export interface EntitiesCursor {
  /** A pass in progress: the profile and list being read and the page token of its next page. */
  pos?: { profileId: string; step: number; token: string | null };
}

interface Step {
  name: string;
  fetch(ads: AdsConnection, profileId: string, token: string | null): Promise<{ items: Json[]; next: string | null }>;
  write: (
    env: RunEnv,
    profile: AdsProfileInfo,
    items: Json[],
  ) => (ctx: Parameters<Parameters<RunEnv['commit']>[0]>[0]) => Promise<number>;
}

const spMedia = (name: string) => `application/vnd.sp${name}.v3+json`;

function spList(resource: string, key: string, media: string): Step['fetch'] {
  return async (ads, profileId, token) => {
    const res = await ads.call<Json>(profileId, {
      operation: `sp/${resource}/list`,
      method: 'POST',
      path: `/sp/${resource}/list`,
      contentType: spMedia(media),
      body: { maxResults: 1000, stateFilter: { include: STATES }, ...(token ? { nextToken: token } : {}) },
    });
    const items = res.body[key];
    return {
      items: Array.isArray(items) ? (items as Json[]) : [],
      next: typeof res.body.nextToken === 'string' && res.body.nextToken ? res.body.nextToken : null,
    };
  };
}

const campaignsWrite =
  (map: (c: Json, currency: string) => CampaignRecord): Step['write'] =>
  (env, profile, items) =>
  async (ctx) => {
    const out = await upsertCampaigns(
      ctx,
      env.target,
      profile,
      items.map((c) => map(c, profile.currency)),
    );
    return out.created + out.updated;
  };

const SD_PAGE = 100;

const STEPS: Step[] = [
  { name: 'SP campaigns', fetch: spList('campaigns', 'campaigns', 'Campaign'), write: campaignsWrite(mapSpCampaign) },
  {
    name: 'SP ad groups',
    fetch: spList('adGroups', 'adGroups', 'AdGroup'),
    write: (env, profile, items) => async (ctx) => {
      const out = await upsertAdGroups(
        ctx,
        env.target,
        profile,
        items.map((g) => mapAdGroup(g, profile.currency)),
      );
      return out.created + out.updated;
    },
  },
  {
    name: 'SP keywords',
    fetch: spList('keywords', 'keywords', 'Keyword'),
    write: (env, profile, items) => async (ctx) => {
      const out = await upsertTargets(
        ctx,
        env.target,
        profile,
        items.map((k) => mapKeyword(k, profile.currency)),
      );
      return out.created + out.updated;
    },
  },
  {
    name: 'SP product targets',
    fetch: spList('targets', 'targetingClauses', 'TargetingClause'),
    write: (env, profile, items) => async (ctx) => {
      const out = await upsertTargets(
        ctx,
        env.target,
        profile,
        items.map((k) => mapTarget(k, profile.currency)),
      );
      return out.created + out.updated;
    },
  },
  {
    name: 'SB campaigns',
    async fetch(ads, profileId, token) {
      const res = await ads.call<Json>(profileId, {
        operation: 'sb/v4/campaigns/list',
        method: 'POST',
        path: '/sb/v4/campaigns/list',
        contentType: 'application/vnd.sbcampaignresource.v4+json',
        body: { maxResults: 100, stateFilter: { include: STATES }, ...(token ? { nextToken: token } : {}) },
      });
      const items = res.body.campaigns;
      return {
        items: Array.isArray(items) ? (items as Json[]) : [],
        next: typeof res.body.nextToken === 'string' && res.body.nextToken ? res.body.nextToken : null,
      };
    },
    write: campaignsWrite(mapSbCampaign),
  },
  {
    name: 'SD campaigns',
    async fetch(ads, profileId, token) {
      const startIndex = token ? Number(token) : 0;
      const res = await ads.call<Json[]>(profileId, {
        operation: 'sd/campaigns/list',
        method: 'GET',
        path: '/sd/campaigns',
        query: { startIndex, count: SD_PAGE, stateFilter: 'enabled,paused,archived' },
      });
      const items = Array.isArray(res.body) ? res.body : [];
      return { items, next: items.length === SD_PAGE ? String(startIndex + SD_PAGE) : null };
    },
    write: campaignsWrite(mapSdCampaign),
  },
];

async function runEntities(env: RunEnv): Promise<RunResult> {
  const ads = env.conn.ads();
  const cursor = (env.cursor ?? {}) as EntitiesCursor;
  const profiles = await syncProfiles(env, ads);
  let rows = 0;
  let pos = cursor.pos;
  const start = pos ? profiles.findIndex((p) => p.profileId === pos?.profileId) : 0;
  if (start < 0) pos = undefined;
  for (let pi = Math.max(0, start); pi < profiles.length; pi++) {
    const profile = profiles[pi]!;
    for (let si = pos?.profileId === profile.profileId ? pos.step : 0; si < STEPS.length; si++) {
      const step = STEPS[si]!;
      let token = pos?.profileId === profile.profileId && pos.step === si ? pos.token : null;
      let resumed = token !== null;
      for (let page = 1; ; page++) {
        checkAborted(env.signal);
        let got: Awaited<ReturnType<Step['fetch']>>;
        try {
          got = await step.fetch(ads, profile.profileId, token);
        } catch (err) {
          // A page token kept across a crash may have expired: read that list again from its first page.
          if (resumed && (err as { code?: string }).code === 'INVALID_INPUT') {
            resumed = false;
            token = null;
            continue;
          }
          throw err;
        }
        resumed = false;
        const last = pi === profiles.length - 1 && si === STEPS.length - 1 && got.next === null;
        const next: EntitiesCursor = last
          ? {}
          : got.next !== null
            ? { pos: { profileId: profile.profileId, step: si, token: got.next } }
            : si + 1 < STEPS.length
              ? { pos: { profileId: profile.profileId, step: si + 1, token: null } }
              : { pos: { profileId: profiles[pi + 1]!.profileId, step: 0, token: null } };
        await env.commit(step.write(env, profile, got.items), next, last ? env.now() : undefined);
        rows += got.items.length;
        const done = (pi * STEPS.length + si + 1) / Math.max(1, profiles.length * STEPS.length);
        await env.progress(Math.min(99, Math.round(done * 100)), `${profile.profileId}: ${step.name} page ${page}`);
        if (got.next === null) break;
        token = got.next;
      }
    }
    pos = undefined;
  }
  if (profiles.length === 0) await env.commit(async () => 0, {}, env.now());
  await env.progress(100, `${rows} entities of ${profiles.length} profiles`);
  return { rows, continues: true };
}

// ---- reports -----------------------------------------------------------------------------------------------------

export interface ReportJob {
  profileId: string;
  kind: AdsReportKind;
  startDate: string;
  endDate: string;
  reportId?: string;
}

export interface ReportsCursor {
  /** Days a profile without `through` backfills. */
  backfillDays: number;
  /** Per profile: every day up to and including this (profile-local) date has been read. */
  through: Record<string, string>;
  /** The reports of the run in progress, in order; requested ones carry their id. */
  jobs: ReportJob[];
  /** Per profile: the last date the run in progress reads (becomes `through` when its jobs are done). */
  planned: Record<string, string>;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** The report windows of one profile for this run. */
export function planJobs(profile: AdsProfileInfo, cursor: ReportsCursor, now: number): ReportJob[] {
  const today = localDate(now, profile.timeZone);
  const end = addDays(today, -1);
  const through = cursor.through[profile.profileId];
  const from = through ? addDays(through, 1 - RELOAD_DAYS) : addDays(today, -cursor.backfillDays);
  const jobs: ReportJob[] = [];
  for (const spec of ADS_REPORTS) {
    // Amazon refuses a start older than the report's retention (counted in UTC days): keep a day's margin.
    const oldest = new Date(now - (spec.retentionDays - 1) * DAY_MS).toISOString().slice(0, 10);
    for (let s = maxDate(from, oldest); s <= end; s = addDays(s, MAX_SPAN_DAYS)) {
      const e = addDays(s, MAX_SPAN_DAYS - 1);
      jobs.push({ profileId: profile.profileId, kind: spec.kind, startDate: s, endDate: minDate(e, end) });
    }
  }
  return jobs;
}

async function runReports(env: RunEnv): Promise<RunResult> {
  const ads = env.conn.ads();
  const profiles = await syncProfiles(env, ads);
  const byId = new Map(profiles.map((p) => [p.profileId, p]));
  let cursor = { ...(env.cursor as ReportsCursor) };
  cursor.jobs = cursor.jobs.filter((j) => byId.has(j.profileId));
  if (cursor.jobs.length === 0) {
    const planned: Record<string, string> = {};
    const jobs: ReportJob[] = [];
    for (const p of profiles) {
      const list = planJobs(p, cursor, env.now());
      jobs.push(...list);
      planned[p.profileId] = addDays(localDate(env.now(), p.timeZone), -1);
    }
    // The most recent days first, the reports the pages read most first: the campaigns and search terms of the
    // last month show up within minutes of connecting; older windows follow.
    jobs.sort(
      (a, b) =>
        b.endDate.localeCompare(a.endDate) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        a.profileId.localeCompare(b.profileId),
    );
    cursor = { ...cursor, jobs, planned };
    await env.commit(async () => 0, cursor);
  }
  const total = cursor.jobs.length;
  let rows = 0;
  while (cursor.jobs.length > 0) {
    checkAborted(env.signal);
    // Request the next reports first; their ids go into the cursor so a restart does not request them again.
    const toRequest = cursor.jobs.slice(0, REPORTS_AHEAD).filter((j) => !j.reportId);
    if (toRequest.length > 0) {
      const ids = new Map<ReportJob, string>();
      for (const j of toRequest) {
        const spec = reportSpec(j.kind);
        ids.set(j, await ads.createReport(j.profileId, reportRequest(spec, j.startDate, j.endDate)));
      }
      cursor = { ...cursor, jobs: cursor.jobs.map((j) => (ids.has(j) ? { ...j, reportId: ids.get(j)! } : j)) };
      await env.commit(async () => 0, cursor);
    }
    const job = cursor.jobs[0]!;
    const profile = byId.get(job.profileId)!;
    const spec = reportSpec(job.kind);
    const label = `${profile.profileId} ${job.kind} ${job.startDate}..${job.endDate}`;
    const percent = () => Math.min(99, Math.round(((total - cursor.jobs.length) / Math.max(1, total)) * 100));
    let file: Record<string, unknown>[];
    try {
      file = await ads.downloadReport(job.profileId, job.reportId!, (s) => {
        void env.progress(percent(), `${label}: ${s}`);
      });
    } catch (err) {
      // A report Amazon gave up on or no longer knows is requested again by the next run.
      const e = err as { code?: string; details?: { amazonCode?: string } };
      if (e.code === 'NOT_FOUND' || e.details?.amazonCode === 'FAILED' || e.details?.amazonCode === 'CANCELLED') {
        const { reportId: _dropped, ...again } = job;
        cursor = { ...cursor, jobs: cursor.jobs.map((j) => (j === job ? again : j)) };
        await env.commit(async () => 0, cursor);
        throw new AppError('UPSTREAM_UNAVAILABLE', `Ads report ${label} failed; it is requested again`, {
          retryable: true,
          reportId: job.reportId,
        });
      }
      throw err;
    }
    const parsed = readReportRows(spec, file, profile.currency);
    if (parsed.errors.length > 0)
      env.warn(
        `${parsed.errors.length} rows of ads report ${label} were rejected (first: line ${parsed.errors[0]!.line})`,
      );
    const rest = cursor.jobs.slice(1);
    const finished = rest.length === 0;
    cursor = {
      ...cursor,
      jobs: rest,
      ...(finished ? { through: { ...cursor.through, ...cursor.planned }, planned: {} } : {}),
    };
    await env.commit(
      async (ctx) => {
        const out = await replaceReportDays(
          ctx,
          env.target,
          profile,
          { report: spec.report, adType: spec.adType, startDate: job.startDate, endDate: job.endDate },
          parsed.records,
        );
        return out.created + out.updated + out.deleted;
      },
      cursor,
      finished ? env.now() : undefined,
    );
    rows += parsed.records.length;
    await env.progress(percent(), `${label}: ${parsed.records.length} rows`);
  }
  await env.progress(100, `${rows} report rows`);
  return { rows, continues: true };
}

/** The ads data types for the sync registry. */
export function adsSyncHandlers(): SyncHandler[] {
  return [
    {
      dataType: 'ads-reports',
      intervalMs: DAY_MS,
      initialCursor: (): ReportsCursor => ({ backfillDays: ADS_HISTORY_DAYS, through: {}, jobs: [], planned: {} }),
      cursorSince: (since, now): ReportsCursor => ({
        backfillDays: Math.max(1, Math.ceil((now - since) / DAY_MS)),
        through: {},
        jobs: [],
        planned: {},
      }),
      run: runReports,
    },
    {
      dataType: 'ads-entities',
      intervalMs: 6 * 60 * 60_000,
      initialCursor: (): EntitiesCursor => ({}),
      cursorSince: (): EntitiesCursor => ({}),
      run: runEntities,
    },
  ];
}
