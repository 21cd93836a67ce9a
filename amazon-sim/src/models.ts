import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Loads Amazon's Swagger 2.0 SP-API models: every operation, its parameters and its embedded sandbox cases. */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface OperationParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required: boolean;
  /** Swagger type (`string`, `integer`, `array` …); undefined for body parameters. */
  type?: string;
  /** For arrays: `csv` (comma-joined, the default) or `multi` (the key repeated). */
  collectionFormat?: string;
  /** The parameter's full Swagger declaration ($ref resolved): constraints, items, body `schema` (for validation). */
  spec?: Record<string, unknown>;
}

/** One `{}` (matches anything) or recorded value of a sandbox request parameter. */
export type CaseParam = { any: true } | { any: false; value: unknown };

export interface SandboxCase {
  /** Position among the operation's cases, in model order (response codes in file order). */
  index: number;
  /** The HTTP status the case sits under. */
  status: number;
  /** Keyed by parameter name; the body is always under `body`, whatever the model calls it. */
  parameters: Record<string, CaseParam>;
  /** The recorded body; undefined when the case has none (the reply then has no body). */
  response: unknown;
  /** How many parameters carry a value (not `{}`): the more, the more specific. */
  specificity: number;
}

export interface Operation {
  /** Unique across models: `<model file name without .json>:<operationId>`, e.g. `ordersV0:getOrder`. */
  key: string;
  operationId: string;
  /** Model file relative to models/, with forward slashes. */
  model: string;
  method: HttpMethod;
  /** Path template, e.g. `/orders/v0/orders/{orderId}`. */
  path: string;
  params: OperationParam[];
  cases: SandboxCase[];
  /** Called with a client_credentials (grantless) token rather than a seller's. */
  grantless: boolean;
  /** Exists only on sandbox endpoints (`x-amzn-api-sandbox-only`). */
  sandboxOnly: boolean;
  deprecated: boolean;
  /** The model's `definitions` (targets of `#/definitions/…` refs in body schemas). */
  definitions?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** Lists every model file (*.json) under `modelsDir`, sorted for a stable order. */
export function listModelFiles(modelsDir: string): string[] {
  return (readdirSync(modelsDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(modelsDir, f))
    .sort();
}

/** Loads every operation of every model under `modelsDir`. */
export function loadOperations(modelsDir: string): Operation[] {
  const ops: Operation[] = [];
  for (const file of listModelFiles(modelsDir)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;
    ops.push(...operationsOfModel(doc, relative(modelsDir, file).split(sep).join('/')));
  }
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.key)) throw new Error(`amazon-sim: duplicate operation key ${op.key}`);
    seen.add(op.key);
  }
  return ops;
}

/** Extracts the operations of one parsed Swagger 2.0 document. */
export function operationsOfModel(doc: Json, model: string): Operation[] {
  const base =
    model
      .split('/')
      .pop()
      ?.replace(/\.json$/, '') ?? model;
  const sharedParams = (doc.parameters ?? {}) as Record<string, Json>;
  const basePath = typeof doc.basePath === 'string' && doc.basePath !== '/' ? doc.basePath.replace(/\/$/, '') : '';
  const definitions = (doc.definitions ?? {}) as Json;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const itemParams = (item.parameters ?? []) as Json[];
    const sandboxOnly = item['x-amzn-api-sandbox-only'] === true;
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()] as Json | undefined;
      if (!op) continue;
      const params = mergeParams(
        itemParams.map((p) => resolveParam(p, sharedParams)),
        ((op.parameters ?? []) as Json[]).map((p) => resolveParam(p, sharedParams)),
      );
      const operationId = String(op.operationId);
      const description = typeof op.description === 'string' ? op.description : '';
      ops.push({
        key: `${base}:${operationId}`,
        operationId,
        model,
        method,
        path: basePath + path,
        params,
        cases: normalizeBodyKey(readCases(op), params),
        grantless: /\bis grantless\b/i.test(description),
        sandboxOnly: sandboxOnly || op['x-amzn-api-sandbox-only'] === true,
        deprecated: op.deprecated === true,
        definitions,
      });
    }
  }
  return ops;
}

function resolveParam(p: Json, shared: Record<string, Json>): OperationParam {
  const ref = typeof p.$ref === 'string' ? p.$ref : undefined;
  const def = ref ? shared[ref.split('/').pop() ?? ''] : p;
  if (!def) throw new Error(`amazon-sim: unresolved parameter ${ref}`);
  const param: OperationParam = {
    name: String(def.name),
    in: def.in as OperationParam['in'],
    required: def.required === true,
    spec: def,
  };
  if (typeof def.type === 'string') param.type = def.type;
  if (def.type === 'array')
    param.collectionFormat = typeof def.collectionFormat === 'string' ? def.collectionFormat : 'csv';
  return param;
}

function mergeParams(pathLevel: OperationParam[], opLevel: OperationParam[]): OperationParam[] {
  const out = pathLevel.filter((p) => !opLevel.some((o) => o.name === p.name && o.in === p.in));
  return [...out, ...opLevel];
}

// Cases name the body `body` even where the model calls it `payload` or `requests`: always key it `body`.
function normalizeBodyKey(cases: SandboxCase[], params: OperationParam[]): SandboxCase[] {
  const bodyNames = new Set(params.filter((p) => p.in === 'body').map((p) => p.name));
  for (const c of cases) {
    for (const name of Object.keys(c.parameters)) {
      const value = c.parameters[name];
      if (name === 'body' || !bodyNames.has(name) || !value) continue;
      c.parameters.body = value;
      delete c.parameters[name];
    }
  }
  return cases;
}

function readCases(op: Json): SandboxCase[] {
  const cases: SandboxCase[] = [];
  for (const [code, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
    const sandbox = response['x-amzn-api-sandbox'] as Json | undefined;
    const statics = (sandbox?.static ?? []) as Json[];
    for (const entry of statics) {
      const request = (entry.request ?? {}) as Json;
      const parameters: Record<string, CaseParam> = {};
      for (const [name, spec] of Object.entries((request.parameters ?? {}) as Record<string, Json>)) {
        parameters[name] = 'value' in spec ? { any: false, value: spec.value } : { any: true };
      }
      cases.push({
        index: cases.length,
        status: Number(code),
        parameters,
        response: entry.response,
        specificity: Object.values(parameters).filter((p) => !p.any).length,
      });
    }
  }
  return cases;
}
