import type { HandlerContext, OperationRequest } from '../handlers.ts';
import { isoSeconds } from '../scenario/calendar.ts';
import { decimalAmount } from '../scenario/marketplace-facts.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';
import type { PageTokens } from './page-token.ts';
import { InputError } from './query-params.ts';

/** What every stateful handler gets: the living marketplace, token signer, and helpers for sellers and money. */

export interface StatefulDeps {
  scenario: Scenario;
  tokens: PageTokens;
}

/** The calling seller's scenario (a seller token is guaranteed by the pipeline for non-grantless operations). */
export function sellerOf(deps: StatefulDeps, request: OperationRequest): SellerScenario {
  const seller = request.seller ? deps.scenario.seller(request.seller.sellerId) : undefined;
  if (!seller) throw new InputError('Access to requested resource is denied.', 403, 'Unauthorized');
  return seller;
}

/** Positions of marketplace ids among the seller's marketplaces; unknown or foreign ids are an InvalidInput. */
export function marketplaceIndexes(seller: SellerScenario, ids: string[], parameter: string): number[] {
  return ids.map((id) => {
    const m = seller.marketplaceIndex(id);
    if (m < 0) throw new InputError(`Invalid ${parameter}: ${id} is not a marketplace this seller participates in.`);
    return m;
  });
}

/** The simulator's current instant. */
export function nowOf(context: HandlerContext): number {
  return context.clock.now();
}

/** ISO-8601 UTC, second precision. */
export const iso = isoSeconds;

/** Money as the Orders v0 model spells it. */
export function moneyV0(minor: number, currency: string, digits: number): { CurrencyCode: string; Amount: string } {
  return { CurrencyCode: currency, Amount: decimalAmount(minor, digits) };
}

/** Money as Orders v2026-01-01 and Listings spell it. */
export function money(minor: number, currency: string, digits: number): { amount: string; currencyCode: string } {
  return { amount: decimalAmount(minor, digits), currencyCode: currency };
}
