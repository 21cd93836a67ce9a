/** Public API of the orders module: Amazon orders with their lines and status history, across stores. */
export {
  isTaxAddedAtCheckout,
  lineTotalMinor,
  type OrderItemRecord,
  type OrderRecord,
  orderTotalMinor,
  statusFromFlatFile,
} from './order-records.js';
export {
  countOrdersOfStore,
  listOrderVersions,
  type OrderSource,
  type OrderTarget,
  type UpsertOutcome,
  upsertOrders,
} from './orders.repository.js';
export { registerOrdersRoutes } from './orders.routes.js';
export { createOrdersService, type OrdersService } from './orders.service.js';
export {
  ALL_ORDERS_REPORT,
  allOrdersImporter,
  orderChangeNotificationHandler,
  orderSyncHandlers,
} from './orders-sync.js';
