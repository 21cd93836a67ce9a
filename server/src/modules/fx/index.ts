/** Public API of the fx module: dated exchange rates and conversion. */
export { registerFxRoutes } from './fx.routes.js';
export { createFxService, type FxService, RATE_LOOKBACK_DAYS } from './fx.service.js';
