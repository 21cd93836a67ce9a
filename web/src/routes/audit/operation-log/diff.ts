// Field-by-field comparison of an entity before and after a write (pure; used by the operation log).

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Stable text of a value for comparison and display (objects as JSON). */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Every field of either side, changed ones first, each marked changed or not. */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: valueText(b[field]) !== valueText(a[field]),
  }));
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed));
}
