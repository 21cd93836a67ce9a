import type { HandlerRegistry } from '../handlers.ts';
import type { StatefulDeps } from '../stateful/stateful-context.ts';
import {
  listFinancialEventGroupsHandler,
  listFinancialEventsByGroupIdHandler,
  listFinancialEventsByOrderIdHandler,
  listFinancialEventsHandler,
} from './finances-v0.ts';
import { listTransactionsHandler } from './transactions.ts';

/** Operation keys served by the finances module. */
export const FINANCES_OPERATIONS = [
  'financesV0:listFinancialEventGroups',
  'financesV0:listFinancialEventsByGroupId',
  'financesV0:listFinancialEventsByOrderId',
  'financesV0:listFinancialEvents',
  'finances_2024-06-19:listTransactions',
] as const;

/** Registers the Finances v0 and 2024-06-19 handlers of the living marketplace. */
export function registerFinances(registry: HandlerRegistry, deps: StatefulDeps): void {
  registry.register('financesV0:listFinancialEventGroups', listFinancialEventGroupsHandler(deps));
  registry.register('financesV0:listFinancialEventsByGroupId', listFinancialEventsByGroupIdHandler(deps));
  registry.register('financesV0:listFinancialEventsByOrderId', listFinancialEventsByOrderIdHandler(deps));
  registry.register('financesV0:listFinancialEvents', listFinancialEventsHandler(deps));
  registry.register('finances_2024-06-19:listTransactions', listTransactionsHandler(deps));
}
