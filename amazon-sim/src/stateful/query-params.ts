import { invalidInput, type SimReply } from '../errors.ts';
import type { OperationHandler, OperationRequest } from '../handlers.ts';

/**
 * Reading and validating SP-API query parameters the way Amazon rejects bad ones: `400 {"errors":[{"code":
 * "InvalidInput","message":…,"details":""}]}`. Handlers throw InputError; `guarded` turns it into the reply.
 */

export class InputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'InvalidInput',
  ) {
    super(message);
  }
}

/** Wraps a handler so that an InputError becomes Amazon's error reply. */
export function guarded(handler: OperationHandler): OperationHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof InputError) return inputErrorReply(error);
      throw error;
    }
  };
}

/** The reply for an InputError. */
export function inputErrorReply(error: InputError): SimReply {
  if (error.code === 'InvalidInput' && error.status === 400) return invalidInput(error.message, '');
  return { status: error.status, body: { errors: [{ code: error.code, message: error.message, details: '' }] } };
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Typed access to a request's query string. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  /** Builds a reader for a request. */
  static of(request: OperationRequest): Query {
    return new Query(request.query);
  }

  /** A single value (the first when repeated); empty strings count as absent. */
  string(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null || v === '' ? undefined : v;
  }

  /** A required single value. */
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new InputError(`Missing required parameter: ${name}.`);
    return v;
  }

  /** A list given comma-separated and/or as repeated keys; undefined when absent. */
  list(name: string, maxItems?: number): string[] | undefined {
    const values = this.params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length === 0) return undefined;
    if (maxItems !== undefined && values.length > maxItems) {
      throw new InputError(`${name} accepts at most ${maxItems} values; ${values.length} were given.`);
    }
    return values;
  }

  /** A required list. */
  requiredList(name: string, maxItems?: number): string[] {
    const v = this.list(name, maxItems);
    if (!v) throw new InputError(`Missing required parameter: ${name}.`);
    return v;
  }

  /** A list whose values must come from `allowed`. */
  enumList<T extends string>(name: string, allowed: readonly T[], maxItems?: number): T[] | undefined {
    const values = this.list(name, maxItems);
    for (const v of values ?? []) {
      if (!(allowed as readonly string[]).includes(v)) {
        throw new InputError(`Invalid value '${v}' for ${name}. Valid values: ${allowed.join(', ')}.`);
      }
    }
    return values as T[] | undefined;
  }

  /** A single value from `allowed`. */
  enumValue<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v !== undefined && !(allowed as readonly string[]).includes(v)) {
      throw new InputError(`Invalid value '${v}' for ${name}. Valid values: ${allowed.join(', ')}.`);
    }
    return v as T | undefined;
  }

  /** An integer in [min, max]. */
  int(name: string, min: number, max: number): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || n < min || n > max) {
      throw new InputError(`Invalid value '${v}' for ${name}: expected an integer from ${min} to ${max}.`);
    }
    return n;
  }

  /** `true` / `false`. */
  boolean(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false')
      throw new InputError(`Invalid value '${v}' for ${name}: expected true or false.`);
    return v === 'true';
  }

  /** An ISO-8601 date-time (UTC when no offset is given), as epoch ms. */
  date(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const ms = parseIsoDateTime(v);
    if (ms === undefined) throw new InputError(`Invalid ${name}: '${v}' is not an ISO 8601 date-time.`);
    return ms;
  }
}

/** Parses `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; undefined when malformed or not a real date. */
export function parseIsoDateTime(text: string): number | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const fields = [y, mo, d, h, mi].map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(
    fields[0],
    fields[1] - 1,
    fields[2],
    fields[3],
    fields[4],
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  const check = new Date(ms);
  if (check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23) return undefined;
  if (!zone || zone === 'Z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
