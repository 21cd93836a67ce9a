export * from './auth.js';
export * from './catalog.js';
export * from './common.js';
export * from './fx.js';
export * from './iam.js';
export * from './orders.js';
export * from './stores.js';
export * from './sync.js';
