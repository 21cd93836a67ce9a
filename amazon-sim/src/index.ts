/** Public API of amazon-sim for Yangfan's tests and tools. */
export { createClock, createManualClock, type SimClock } from './clock.ts';
export type { HandlerContext, OperationHandler, OperationRequest } from './handlers.ts';
export type { Operation, SandboxCase } from './models.ts';
export type { RateReport } from './rate-limits.ts';
export { type RunningSim, type SimInfo, type SimOptions, type SimSellerInfo, startSim } from './server.ts';
export { SANDBOX_STATUS_HEADER } from './sp-api.ts';
