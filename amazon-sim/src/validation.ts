import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { invalidInput, type SimReply } from './errors.ts';
import type { Operation, OperationParam } from './models.ts';
import type { SpRequestParts } from './sandbox.ts';

/**
 * Stateful mode: checks a request against its operation's Swagger 2.0 parameters before the handler runs (required
 * parameters, types, enums, bounds, lengths, item counts, patterns, date-time formats, and the JSON body against its
 * schema). A failure is Amazon's `400 InvalidInput` naming the parameter. Deliberate tolerances (reality or clients
 * looser than the models):
 * - unknown query parameters, headers and path segments are ignored (Amazon ignores them);
 * - an empty query value (`?NextToken=`) counts as absent;
 * - arrays are accepted comma-joined or as repeated keys, whatever `collectionFormat` says (clients differ);
 * - booleans are accepted in any case (`True`, `FALSE`);
 * - `date-time` (and `date`) accept any ISO 8601 date or date-time: date only, minutes without seconds, fractions,
 *   with or without an offset (Amazon's services parse all of these; clients commonly send `2024-01-01`);
 *   other formats (`int32`, `int64`, `double`, `uri`) are not checked beyond the JSON type;
 * - `RELAXED` below lists the few model constraints not enforced on purpose (with the reason for each);
 * - enum values are compared exactly (Amazon's SP-API enums are case-sensitive);
 * - body schemas: `x-` extensions, `example` and `discriminator` are dropped (a polymorphic body is checked against
 *   its base definition only), boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04) become draft-07 numbers,
 *   and properties outside a schema's `properties` are allowed unless the model says `additionalProperties: false`.
 */

type Json = Record<string, unknown>;

/** Validates a request against its operation's model; a 400 InvalidInput reply when it breaks it, else undefined. */
export function validateRequest(operation: Operation, request: SpRequestParts): SimReply | undefined {
  for (const param of operation.params) {
    const problem = checkParam(operation, param, request);
    if (problem) return invalidInput(problem, '');
  }
  return undefined;
}

/**
 * Per-parameter relaxations of the models, keyed `model:operationId:parameter`. Each names the model constraint the
 * simulator deliberately does not enforce, and why.
 */
const RELAXED: Record<string, readonly string[]> = {
  // The model says maxItems 1; the simulator's getSubscriptions lists several types at once (clients batch them).
  'notifications:getSubscriptions:notificationTypes': ['maxItems'],
};

function checkParam(operation: Operation, param: OperationParam, request: SpRequestParts): string | undefined {
  const spec = { ...param.spec };
  for (const k of RELAXED[`${operation.key}:${param.name}`] ?? []) delete spec[k];
  if (param.in === 'body') return checkBody(operation, param, request.body);
  if (param.in === 'formData') return undefined;
  const values = rawValues(param, request);
  if (values.length === 0) return param.required ? `Missing required parameter: ${param.name}.` : undefined;
  if (spec.type === 'array') {
    const items = values.flatMap((v) => v.split(',')).filter((v) => v !== '');
    if (typeof spec.maxItems === 'number' && items.length > spec.maxItems) {
      return `Parameter '${param.name}' has ${items.length} values; at most ${spec.maxItems} are allowed.`;
    }
    if (typeof spec.minItems === 'number' && items.length < spec.minItems) {
      return `Parameter '${param.name}' needs at least ${spec.minItems} value(s).`;
    }
    const itemSpec = (spec.items ?? {}) as Json;
    for (const item of items) {
      const problem = checkScalar(param.name, item, itemSpec);
      if (problem) return problem;
    }
    return undefined;
  }
  return checkScalar(param.name, values[0] ?? '', spec);
}

function rawValues(param: OperationParam, request: SpRequestParts): string[] {
  if (param.in === 'path') {
    const v = request.pathParams[param.name];
    return v === undefined || v === '' ? [] : [v];
  }
  if (param.in === 'header') {
    const v = request.headers[param.name.toLowerCase()];
    if (v === undefined) return [];
    return (Array.isArray(v) ? v : [v]).filter((x) => x !== '');
  }
  return request.query.getAll(param.name).filter((v) => v !== '');
}

/** Checks one textual value (a scalar parameter, or one item of an array parameter) against its declaration. */
function checkScalar(name: string, value: string, spec: Json): string | undefined {
  const bad = (why: string) => `Invalid value '${value}' for parameter '${name}': ${why}.`;
  const type = spec.type;
  let num: number | undefined;
  if (type === 'integer') {
    if (!/^[+-]?\d+$/.test(value)) return bad('expected an integer');
    num = Number(value);
  } else if (type === 'number') {
    num = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(num)) return bad('expected a number');
  } else if (type === 'boolean') {
    if (!/^(true|false)$/i.test(value)) return bad('expected true or false');
  }
  if (Array.isArray(spec.enum) && !spec.enum.some((e) => String(e) === value)) {
    return bad(`must be one of ${spec.enum.map(String).join(', ')}`);
  }
  if (num !== undefined) {
    const rangeProblem = checkRange(num, spec);
    if (rangeProblem) return bad(rangeProblem);
  }
  if (type === 'string' || type === undefined) {
    const length = [...value].length;
    if (typeof spec.minLength === 'number' && length < spec.minLength) {
      return bad(`must be at least ${spec.minLength} characters long`);
    }
    if (typeof spec.maxLength === 'number' && length > spec.maxLength) {
      return bad(`must be at most ${spec.maxLength} characters long`);
    }
    if (typeof spec.pattern === 'string' && !safeRegExp(spec.pattern)?.test(value)) {
      return bad(`must match the pattern ${spec.pattern}`);
    }
    if ((spec.format === 'date-time' || spec.format === 'date') && !isIsoDateTime(value)) {
      return bad('expected an ISO 8601 date-time');
    }
  }
  return undefined;
}

function checkRange(num: number, spec: Json): string | undefined {
  const { minimum, maximum } = spec;
  if (typeof minimum === 'number') {
    if (spec.exclusiveMinimum === true ? num <= minimum : num < minimum) return `must be at least ${minimum}`;
  }
  if (typeof maximum === 'number') {
    if (spec.exclusiveMaximum === true ? num >= maximum : num > maximum) return `must be at most ${maximum}`;
  }
  return undefined;
}

const REGEXPS = new Map<string, RegExp | null>();

function safeRegExp(pattern: string): RegExp | null {
  let re = REGEXPS.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null; // A pattern JavaScript cannot read is not enforced.
      }
    }
    REGEXPS.set(pattern, re);
  }
  // An unreadable pattern accepts everything.
  return re ?? /(?:)/;
}

const ISO_DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[Tt ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** Whether `value` is an ISO 8601 date or date-time (seconds, fraction and offset optional). */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value);
}

// ---- body ----

const ajv = new Ajv({
  strict: false,
  allErrors: true,
  logger: false,
  validateFormats: true,
  formats: {
    'date-time': { type: 'string', validate: isIsoDateTime },
    date: { type: 'string', validate: isIsoDateTime },
  },
});
/** Compiled body validators per operation key (null: the body has no usable schema). */
const BODY_VALIDATORS = new Map<string, ValidateFunction | null>();
/** Converted `definitions` per model definitions object (shared by every operation of a model). */
const CONVERTED_DEFINITIONS = new WeakMap<object, Json>();

function checkBody(operation: Operation, param: OperationParam, body: unknown): string | undefined {
  if (body === undefined)
    return param.required ? `Missing required parameter: ${param.name} (the request body).` : undefined;
  const validate = bodyValidator(operation, param);
  if (!validate || validate(body)) return undefined;
  const problems = [...new Set((validate.errors ?? []).map(describeError))].slice(0, 5);
  return `Invalid request body '${param.name}': ${problems.join('; ') || 'does not match the model'}.`;
}

/** One Ajv error as `patches[0].op must be one of add, delete` (JSON pointer turned into a property path). */
function describeError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const message = Array.isArray(allowed)
    ? `must be one of ${allowed.map(String).join(', ')}`
    : (error.message ?? 'is invalid');
  return path ? `${path} ${message}` : message;
}

function bodyValidator(operation: Operation, param: OperationParam): ValidateFunction | null {
  const key = `${operation.key}:${param.name}`;
  let validate = BODY_VALIDATORS.get(key);
  if (validate !== undefined) return validate;
  const schema = param.spec?.schema;
  validate = null;
  if (schema && typeof schema === 'object') {
    const definitions = convertedDefinitions(operation.definitions ?? {});
    try {
      validate = ajv.compile({ ...convertSchema(schema as Json), definitions });
    } catch {
      validate = null; // A schema Ajv cannot compile is not enforced (none of the shipped models today).
    }
  }
  BODY_VALIDATORS.set(key, validate);
  return validate;
}

function convertedDefinitions(definitions: Record<string, unknown>): Json {
  let out = CONVERTED_DEFINITIONS.get(definitions);
  if (!out) {
    out = convertMap(definitions);
    CONVERTED_DEFINITIONS.set(definitions, out);
  }
  return out;
}

const DROPPED = new Set(['discriminator', 'example', 'externalDocs', 'xml']);
const SCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);

/** Turns a Swagger 2.0 schema into one Ajv (draft-07) reads: see the module comment for what changes. */
export function convertSchema(schema: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-') || DROPPED.has(k)) continue;
    if (SCHEMA_MAPS.has(k) && isObject(v)) out[k] = convertMap(v);
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map((s) => (isObject(s) ? convertSchema(s) : s));
    else if (SCHEMA_VALUES.has(k) && isObject(v)) out[k] = convertSchema(v);
    else if (k === 'format' && v !== 'date-time' && v !== 'date') continue;
    else if (k === 'required' && Array.isArray(v) && v.length === 0) continue;
    else out[k] = v;
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  return out;
}

function convertMap(map: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [name, s] of Object.entries(map)) out[name] = isObject(s) ? convertSchema(s) : s;
  return out;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
