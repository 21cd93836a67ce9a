import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { NOTIFICATION_TYPES } from './envelope.ts';

/**
 * Validates notifications against Amazon's JSON schemas (draft-07) in shared/amazon/schemas/notifications.
 * Two errata are handled: ListingsItemStatusChangeNotification.json restricts NotificationType to
 * `LISTINGS_ITEM_STATUS_CHANGED` while the type is LISTINGS_ITEM_STATUS_CHANGE (the schema's own example fails), and
 * nested generator `$id`s (`#/properties/…`, used by no `$ref`) are dropped because one file repeats one.
 */

export interface SchemaCheck {
  ok: boolean;
  /** `instancePath message` lines; empty when valid or when the type has no schema. */
  errors: string[];
}

/** Validators per notification type, compiled lazily (each schema in its own Ajv: several reuse one $id). */
export class NotificationSchemas {
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor(private readonly schemaDir: string) {}

  /** The schema folder under a shared/amazon directory. */
  static inSharedDir(sharedAmazonDir: string): NotificationSchemas {
    return new NotificationSchemas(join(sharedAmazonDir, 'schemas', 'notifications'));
  }

  /** Checks a full notification (envelope + payload) of `notificationType`. */
  check(notificationType: string, notification: unknown): SchemaCheck {
    const validate = this.validator(notificationType);
    if (!validate) return { ok: true, errors: [] };
    const ok = validate(notification) as boolean;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    return { ok, errors: ok ? [] : errors };
  }

  private validator(notificationType: string): ValidateFunction | undefined {
    if (!this.cache.has(notificationType)) this.cache.set(notificationType, this.compile(notificationType));
    return this.cache.get(notificationType) ?? undefined;
  }

  private compile(notificationType: string): ValidateFunction | null {
    const file = NOTIFICATION_TYPES[notificationType]?.schemaFile;
    if (!file || !existsSync(join(this.schemaDir, file))) return null;
    const raw: unknown = JSON.parse(readFileSync(join(this.schemaDir, file), 'utf8'));
    const schema = withoutFragmentIds(raw, true) as Record<string, unknown>;
    if (notificationType === 'LISTINGS_ITEM_STATUS_CHANGE') patchStatusChangeEnum(schema);
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajvFormats.default(ajv);
    return ajv.compile(schema);
  }
}

function patchStatusChangeEnum(schema: Record<string, unknown>): void {
  const props = schema.properties as Record<string, { enum?: string[] }> | undefined;
  const type = props?.NotificationType;
  if (type?.enum && !type.enum.includes('LISTINGS_ITEM_STATUS_CHANGE'))
    type.enum = [...type.enum, 'LISTINGS_ITEM_STATUS_CHANGE'];
}

function withoutFragmentIds(node: unknown, root: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutFragmentIds(n, false));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' && !root && typeof v === 'string' && v.startsWith('#')) continue;
    out[k] = withoutFragmentIds(v, false);
  }
  return out;
}
