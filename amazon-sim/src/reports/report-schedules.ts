import type { HandlerRegistry, OperationHandler } from '../handlers.ts';
import { hash32 } from '../scenario/fast-random.ts';
import { guarded, InputError, Query } from '../stateful/query-params.ts';
import { iso, sellerOf } from '../stateful/stateful-context.ts';
import { checkMarketplaces, checkRequestable, type ReportDeps } from './report-handlers.ts';

/**
 * Report schedules, answered minimally per the model: schedules are stored and listed, with the next creation time
 * one period ahead; they do not create reports by themselves [I].
 */

const PERIODS: Record<string, number> = {
  PT5M: 5,
  PT15M: 15,
  PT30M: 30,
  PT1H: 60,
  PT2H: 120,
  PT4H: 240,
  PT8H: 480,
  PT12H: 720,
  P1D: 1440,
  P2D: 2880,
  P3D: 4320,
  PT84H: 5040,
  P7D: 10_080,
  P14D: 20_160,
  P15D: 21_600,
  P18D: 25_920,
  P30D: 43_200,
  P1M: 43_200,
};

interface Schedule {
  reportScheduleId: string;
  sellerId: string;
  reportType: string;
  marketplaceIds: string[];
  reportOptions?: Record<string, string>;
  period: string;
  nextReportCreationTime: number;
}

/** Registers createReportSchedule, getReportSchedules, getReportSchedule and cancelReportSchedule. */
export function registerScheduleHandlers(registry: HandlerRegistry, deps: ReportDeps): void {
  const schedules = new Map<string, Schedule>();
  const render = (s: Schedule) => ({
    reportScheduleId: s.reportScheduleId,
    reportType: s.reportType,
    marketplaceIds: s.marketplaceIds,
    ...(s.reportOptions ? { reportOptions: s.reportOptions } : {}),
    period: s.period,
    nextReportCreationTime: iso(s.nextReportCreationTime),
  });
  const create: OperationHandler = (request, context) => {
    const seller = sellerOf(deps, request);
    const b = (request.body ?? {}) as Record<string, unknown>;
    const reportType = checkRequestable(b.reportType);
    const marketplaceIds = checkMarketplaces(deps, seller.sellerId, b.marketplaceIds);
    const period = typeof b.period === 'string' ? b.period : '';
    const minutes = PERIODS[period];
    if (minutes === undefined) throw new InputError(`Invalid period: '${period}'.`);
    const existing = [...schedules.values()].find((s) => s.sellerId === seller.sellerId && s.reportType === reportType);
    const now = context.clock.now();
    const reportScheduleId =
      existing?.reportScheduleId ??
      String(70_000_000_000 + (hash32(deps.scenario.seed, 'schedule', schedules.size) % 1e9));
    schedules.set(reportScheduleId, {
      reportScheduleId,
      sellerId: seller.sellerId,
      reportType,
      marketplaceIds,
      ...(b.reportOptions ? { reportOptions: b.reportOptions as Record<string, string> } : {}),
      period,
      nextReportCreationTime: now + minutes * 60_000,
    });
    return { status: 201, body: { reportScheduleId } };
  };
  const mine = (sellerId: string, id: string | undefined) => {
    const s = schedules.get(id ?? '');
    if (!s || s.sellerId !== sellerId) throw new InputError(`Report schedule ${id} not found.`, 404, 'NotFound');
    return s;
  };
  registry.register('reports_2021-06-30:createReportSchedule', guarded(create));
  registry.register(
    'reports_2021-06-30:getReportSchedules',
    guarded((request) => {
      const seller = sellerOf(deps, request);
      const types = Query.of(request).requiredList('reportTypes', 10);
      const list = [...schedules.values()].filter(
        (s) => s.sellerId === seller.sellerId && types.includes(s.reportType),
      );
      return { status: 200, body: { reportSchedules: list.map(render) } };
    }),
  );
  registry.register(
    'reports_2021-06-30:getReportSchedule',
    guarded((request) => ({
      status: 200,
      body: render(mine(sellerOf(deps, request).sellerId, request.pathParams.reportScheduleId)),
    })),
  );
  registry.register(
    'reports_2021-06-30:cancelReportSchedule',
    guarded((request) => {
      const s = mine(sellerOf(deps, request).sellerId, request.pathParams.reportScheduleId);
      schedules.delete(s.reportScheduleId);
      return { status: 200 };
    }),
  );
}
