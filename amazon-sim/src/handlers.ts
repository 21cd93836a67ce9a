import type { SimClock } from './clock.ts';
import type { SimReply } from './errors.ts';
import type { AccessToken } from './lwa.ts';
import type { Operation } from './models.ts';
import type { SpRequestParts } from './sandbox.ts';
import type { Region, SellerIdentity } from './sellers.ts';

/**
 * Stateful handlers keyed by operation. The living marketplace (orders, reports, finances, notifications …)
 * registers one handler per operation here; the SP-API pipeline calls it after auth and rate limiting.
 */

export interface OperationRequest extends SpRequestParts {
  operation: Operation;
  region: Region;
  /** The calling seller; undefined for grantless calls. */
  seller?: SellerIdentity;
  token: AccessToken;
  method: string;
  rawPath: string;
}

export interface HandlerContext {
  clock: SimClock;
  /** Base URL of the simulator (e.g. for pre-signed document URLs). */
  baseUrl: string;
}

export type OperationHandler = (request: OperationRequest, context: HandlerContext) => SimReply | Promise<SimReply>;

/** Operation key → stateful handler. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, OperationHandler>();

  constructor(private readonly operations: readonly Operation[]) {}

  /**
   * Registers a handler for an operation named by key (`ordersV0:getOrder`) or by a bare operationId that only one
   * model defines (`createReport`); throws on unknown or ambiguous names.
   */
  register(name: string, handler: OperationHandler): void {
    this.handlers.set(this.resolve(name).key, handler);
  }

  /** The handler of an operation, if one is registered. */
  get(operation: Operation): OperationHandler | undefined {
    return this.handlers.get(operation.key);
  }

  /** Keys of the operations with a registered handler. */
  keys(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Finds an operation by key or unique operationId. */
  resolve(name: string): Operation {
    const byKey = this.operations.find((o) => o.key === name);
    if (byKey) return byKey;
    const byId = this.operations.filter((o) => o.operationId === name);
    if (byId.length === 1 && byId[0]) return byId[0];
    if (byId.length > 1) {
      throw new Error(`amazon-sim: operationId ${name} is ambiguous; use one of ${byId.map((o) => o.key).join(', ')}`);
    }
    throw new Error(`amazon-sim: no operation named ${name}`);
  }
}
