import { createManualClock } from '../src/clock.ts';
import { type RunningSim, type SimOptions, startSim } from '../src/server.ts';

/** Test helpers: a simulator on a free port with a frozen clock, and LWA token fetching. */

/** A simulator on a free port with a frozen clock (advance it with sim.clock.advance). */
export async function startTestSim(options: SimOptions = {}): Promise<RunningSim> {
  return startSim({ port: 0, clock: createManualClock(), ...options });
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** fetch + read the body; `json` is the parsed body or undefined when empty / not JSON. */
export async function http(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** POSTs a form-encoded token request. */
export function postForm(url: string, fields: Record<string, string>): Promise<HttpResult> {
  return http(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** An access token for the sim's seller number `index` (refresh_token grant). */
export async function sellerToken(sim: RunningSim, index = 0): Promise<string> {
  const seller = sim.info.sellers[index];
  if (!seller) throw new Error(`no seller ${index}`);
  const res = await postForm(sim.info.lwaTokenUrl, {
    grant_type: 'refresh_token',
    refresh_token: seller.refreshToken,
    client_id: seller.clientId,
    client_secret: seller.clientSecret,
  });
  return (res.json as { access_token: string }).access_token;
}

/** A grantless access token (client_credentials, notifications scope). */
export async function grantlessToken(sim: RunningSim): Promise<string> {
  const seller = sim.info.sellers[0];
  if (!seller) throw new Error('no seller');
  const res = await postForm(sim.info.lwaTokenUrl, {
    grant_type: 'client_credentials',
    scope: 'sellingpartnerapi::notifications',
    client_id: seller.clientId,
    client_secret: seller.clientSecret,
  });
  return (res.json as { access_token: string }).access_token;
}
