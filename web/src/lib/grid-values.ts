// Turning what a user typed into a grid cell into API values (pure, no grid import).

/** Splits a tag text typed as `a, b，c` into tags. */
export function parseTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value ?? '')
    .split(/[,，;；]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** A decimal edited as text: blank → null, trimmed otherwise (the server validates and may refuse it). */
export function decimalPatch(field: string) {
  return (value: unknown): Record<string, unknown> => {
    const text = value === null || value === undefined ? '' : String(value).trim();
    return { [field]: text === '' ? null : text };
  };
}
