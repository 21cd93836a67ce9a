import { dayOf, dayStart } from '../scenario/calendar.ts';
import type { DayPlan } from '../scenario/day-planner.ts';
import { lastUpdatedAt, MAX_UPDATE_LAG_MS, statusAt } from '../scenario/order-timeline.ts';
import type { FulfillmentChannel, OrderStatus, ScenarioOrder } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';

/**
 * Order search shared by Orders v0 and v2026: a window on purchase time ("created") or on last status change
 * ("updated"), evaluated as of a fixed instant, in a total order (time, order id) so that a cursor (the key of the last
 * order returned) resumes exactly after it: no page drops or repeats an order, even while the clock moves on.
 */

export type SearchMode = 'created' | 'updated';
/** Sort key of the last order of a page: [time ms, order id]. */
export type Cursor = [number, string];

export interface OrderQuery {
  mode: SearchMode;
  /** Inclusive bounds on the mode's time. */
  from: number;
  to: number;
  /** The instant the search sees (statuses, last-update times, which orders exist). */
  asOf: number;
  marketplaces: number[];
  statuses?: OrderStatus[];
  channels?: FulfillmentChannel[];
}

export interface SearchPage {
  orders: ScenarioOrder[];
  /** Present when more orders follow. */
  next?: Cursor;
}

interface Hit {
  key: Cursor;
  day: number;
  index: number;
}

/** One page of at most `limit` orders after `after`. */
export function searchOrders(
  seller: SellerScenario,
  q: OrderQuery,
  after: Cursor | undefined,
  limit: number,
): SearchPage {
  const orders: ScenarioOrder[] = [];
  const source = q.mode === 'created' ? createdHits(seller, q, after) : updatedHits(seller, q, after);
  let last: Cursor | undefined;
  for (const hit of source) {
    if (orders.length === limit) return { orders, ...(last ? { next: last } : {}) };
    const order = seller.order(hit.day, hit.index);
    if (!order) continue;
    orders.push(order);
    last = hit.key;
  }
  return { orders };
}

function matches(seller: SellerScenario, plan: DayPlan, i: number, q: OrderQuery): boolean {
  if (plan.dropped[i] || !q.marketplaces.includes(plan.marketplace[i] ?? -1)) return false;
  if (q.channels && !q.channels.includes(plan.afn[i] ? 'AFN' : 'MFN')) return false;
  if (!q.statuses) return true;
  const status = statusAt(seller.timeline(plan, i), q.asOf);
  return status !== undefined && q.statuses.includes(status);
}

function after(key: Cursor, cursor: Cursor | undefined): boolean {
  return !cursor || key[0] > cursor[0] || (key[0] === cursor[0] && key[1] > cursor[1]);
}

function byKey(a: Hit, b: Hit): number {
  return a.key[0] - b.key[0] || (a.key[1] < b.key[1] ? -1 : a.key[1] > b.key[1] ? 1 : 0);
}

function* createdHits(seller: SellerScenario, q: OrderQuery, cursor: Cursor | undefined): Generator<Hit> {
  const to = Math.min(q.to, q.asOf);
  const from = Math.max(q.from, cursor?.[0] ?? q.from);
  for (let day = Math.max(dayOf(from), seller.historyStartDay); day <= dayOf(to); day++) {
    const plan = seller.plan(day);
    if (!plan) continue;
    const hits: Hit[] = [];
    for (let i = 0; i < plan.count; i++) {
      const t = plan.time[i] ?? 0;
      if (t > to) break;
      if (t < from || !matches(seller, plan, i, q)) continue;
      const key: Cursor = [t, seller.orderIdOf(day, i)];
      if (after(key, cursor)) hits.push({ key, day, index: i });
    }
    yield* hits.sort(byKey);
  }
}

function* updatedHits(seller: SellerScenario, q: OrderQuery, cursor: Cursor | undefined): Generator<Hit> {
  const to = Math.min(q.to, q.asOf);
  const from = Math.max(q.from, cursor?.[0] ?? q.from);
  let pending: Hit[] = [];
  // An order's last update is at most MAX_UPDATE_LAG_MS after its purchase: start that far back.
  for (let day = Math.max(dayOf(from - MAX_UPDATE_LAG_MS), seller.historyStartDay); day <= dayOf(to); day++) {
    const plan = seller.plan(day);
    if (!plan) continue;
    for (let i = 0; i < plan.count; i++) {
      if ((plan.time[i] ?? 0) > q.asOf) break;
      if (!matches(seller, plan, i, q)) continue;
      const updated = lastUpdatedAt(seller.timeline(plan, i), q.asOf);
      if (updated < from || updated > to) continue;
      const key: Cursor = [updated, seller.orderIdOf(day, i)];
      if (after(key, cursor)) pending.push({ key, day, index: i });
    }
    // Orders placed later were all updated at or after the next midnight: everything before it is final.
    pending.sort(byKey);
    const frontier = dayStart(day + 1);
    let n = 0;
    while (n < pending.length && (pending[n]?.key[0] ?? 0) < frontier) n++;
    yield* pending.slice(0, n);
    pending = pending.slice(n);
  }
  yield* pending;
}
