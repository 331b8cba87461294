/**
 * What PostgreSQL refuses in text, whatever the column: NUL (`text` cannot hold it, `jsonb`
 * refuses its `\u0000` escape) and UTF-16 surrogates without their pair (`jsonb` refuses the
 * escape `JSON.stringify` writes for them). The quick test also matches well-formed pairs
 * (emoji); only then does the exact, slower pass run.
 */
const SUSPECT = /[\0\ud800-\udfff]/;
const NUL = /\0/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const REPLACEMENT = '\ufffd';

/** A string PostgreSQL and SQLite both store as given: NUL removed, lone surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(NUL, '').replace(LONE_SURROGATE, REPLACEMENT);
}

/**
 * At most `length` characters, cut so no surrogate pair is split. `varchar(n)` counts code
 * points and a JavaScript string UTF-16 units, so a cut at `length` units always fits.
 */
export function truncated(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * A JSON value with every string and key made storable (`storableText`); the same object when
 * nothing had to change, so a clean value costs a walk and no copy.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = storableJson(value[i]);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  if (value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  // The common case, a clean object, is checked without allocating; a dirty one is copied.
  for (const key in object) {
    const item = object[key];
    if (storableText(key) !== key || storableJson(item) !== item) return cleanCopy(object);
  }
  return object;
}

function cleanCopy(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in object) copy[storableText(key)] = storableJson(object[key]);
  return copy;
}
