import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperations } from '../src/models.ts';
import type { RunningSim } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { SANDBOX_STATUS_HEADER } from '../src/sp-api.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

// Every `x-amzn-api-sandbox.static` case of every model, read straight from the JSON (independently of the loader),
// sent over HTTP to a sandbox-mode simulator: the reply must carry the recorded status and body.

type Json = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  type?: string;
  collectionFormat?: string;
}
interface RawCase {
  label: string;
  operationKey: string;
  method: string;
  path: string;
  params: Param[];
  grantless: boolean;
  status: number;
  request: Record<string, Json>;
  response: unknown;
}

const modelsDir = join(resolveSharedAmazonDir(), 'models');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function readAllCases(): RawCase[] {
  const files = (readdirSync(modelsDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
  const out: RawCase[] = [];
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(modelsDir, file), 'utf8')) as Json;
    const shared = (doc.parameters ?? {}) as Record<string, Param>;
    const resolve = (p: Json): Param =>
      typeof p.$ref === 'string' ? (shared[p.$ref.split('/').pop() ?? ''] as Param) : (p as unknown as Param);
    const base = typeof doc.basePath === 'string' && doc.basePath !== '/' ? doc.basePath : '';
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const params = [...((item.parameters ?? []) as Json[]), ...((op.parameters ?? []) as Json[])].map(resolve);
        const grantless = /is grantless/.test(String(op.description ?? ''));
        for (const [code, response] of Object.entries(op.responses as Record<string, Json>)) {
          const statics = ((response['x-amzn-api-sandbox'] as Json | undefined)?.static ?? []) as Json[];
          statics.forEach((c, i) => {
            const name = `${relative(modelsDir, join(modelsDir, file)).replace(/\\/g, '/')}`;
            out.push({
              label: `${name} ${op.operationId} ${code}#${i}`,
              operationKey: `${name}#${op.operationId}`,
              method: method.toUpperCase(),
              path: base + path,
              params,
              grantless,
              status: Number(code),
              request: ((c.request as Json | undefined)?.parameters ?? {}) as Record<string, Json>,
              response: c.response,
            });
          });
        }
      }
    }
  }
  return out;
}

const cases = readAllCases();

/** Builds the HTTP request a client would send for the case (wildcards and absent path params get a filler). */
function buildRequest(c: RawCase, baseUrl: string): { url: string; init: RequestInit } {
  const headers: Record<string, string> = {};
  const query = new URLSearchParams();
  let body: string | undefined;
  const recorded = (name: string): unknown =>
    c.request[name] && 'value' in c.request[name] ? c.request[name].value : undefined;
  const path = c.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = recorded(name);
    return encodeURIComponent(v === undefined ? `sim-any-${name}` : String(v));
  });
  for (const name of Object.keys(c.request)) {
    const value = recorded(name);
    if (value === undefined) continue;
    const decl = c.params.find((p) => p.name === name);
    const where = name === 'body' ? 'body' : (decl?.in ?? 'query');
    if (where === 'body') {
      body = JSON.stringify(value);
      headers['content-type'] = 'application/json';
    } else if (where === 'header') {
      headers[name] = String(value);
    } else if (where === 'query') {
      if (Array.isArray(value) && decl?.collectionFormat === 'multi')
        for (const v of value) query.append(name, String(v));
      else query.append(name, Array.isArray(value) ? value.map(String).join(',') : String(value));
    }
  }
  const qs = query.toString();
  return { url: `${baseUrl}${path}${qs ? `?${qs}` : ''}`, init: { method: c.method, headers, body } };
}

/** Cases whose request is identical to another case's of the same operation with a different reply. */
function isAmbiguous(c: RawCase): boolean {
  const key = JSON.stringify(c.request);
  return cases.some(
    (o) => o !== c && o.operationKey === c.operationKey && JSON.stringify(o.request) === key && o.status !== c.status,
  );
}

describe('sandbox parity with the models', () => {
  let sim: RunningSim;
  let seller: string;
  let grantless: string;

  beforeAll(async () => {
    sim = await startTestSim({ mode: 'sandbox', tokenTtlSeconds: 1e9 });
    seller = await sellerToken(sim);
    grantless = await grantlessToken(sim);
  });
  afterAll(() => sim.close());

  it('enumerates every static case, as many as the loader found (> 200)', () => {
    const loaded = loadOperations(modelsDir).reduce((n, op) => n + op.cases.length, 0);
    expect(cases.length).toBe(loaded);
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    // Space calls out on the virtual clock so no bucket runs dry (slowest refill: 1 token per ~179 s).
    sim.clock.advance(200_000);
    const { url, init } = buildRequest(c, sim.info.spApi.na);
    const headers = init.headers as Record<string, string>;
    headers['x-amz-access-token'] = c.grantless ? grantless : seller;
    if (isAmbiguous(c)) headers[SANDBOX_STATUS_HEADER] = String(c.status);
    const res = await http(url, init);
    expect(res.status).toBe(c.status);
    if (c.status === 204 || c.response === undefined || c.response === null) {
      // HTTP 204 carries no body; a case without a recorded response answers with an empty body too.
      expect(res.text).toBe('');
    } else {
      expect(res.json).toEqual(c.response);
    }
  });
});
