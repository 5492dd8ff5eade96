// The few TOML pieces pylock.toml needs, written by hand so the layout is stable and reads like the
// PEP 751 examples (smol-toml's stringify reorders keys and expands inline tables).

/** A TOML value we emit: strings, integers, booleans, offset date-times, arrays and inline tables. */
export type TomlText =
  | { kind: 'string'; value: string }
  | { kind: 'integer'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'datetime'; value: string }
  | { kind: 'array'; items: TomlText[]; multiline?: boolean }
  | { kind: 'inline-table'; entries: Array<[string, TomlText]> };

// RFC 3339 offset date-time, the form TOML reads as a datetime with a zone (PEP 751 `upload-time`).
const OFFSET_DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** True when `text` is an RFC 3339 date-time with a zone, which TOML accepts as a bare value. */
export function isOffsetDateTime(text: string): boolean {
  return OFFSET_DATETIME.test(text);
}

/** A TOML basic string: `"` and `\` escaped, control characters as \uXXXX (TOML 1.0 §String). */
export function tomlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A key: bare when it may be (A-Za-z0-9_-), quoted otherwise. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** Renders one value; multiline arrays put each item on its own line, indented, with a trailing comma. */
export function renderValue(value: TomlText): string {
  switch (value.kind) {
    case 'string':
      return tomlString(value.value);
    case 'integer':
      return String(value.value);
    case 'boolean':
      return String(value.value);
    case 'datetime':
      return value.value;
    case 'array':
      if (value.items.length === 0) return '[]';
      if (value.multiline === true)
        return `[\n${value.items.map((item) => `    ${renderValue(item)},\n`).join('')}]`;
      return `[${value.items.map(renderValue).join(', ')}]`;
    case 'inline-table':
      if (value.entries.length === 0) return '{}';
      return `{ ${value.entries.map(([k, v]) => `${tomlKey(k)} = ${renderValue(v)}`).join(', ')} }`;
  }
}

/** `key = value` lines, skipping undefined values, in the order given. */
export function renderEntries(entries: Array<[string, TomlText | undefined]>): string {
  return entries
    .filter((entry): entry is [string, TomlText] => entry[1] !== undefined)
    .map(([key, value]) => `${tomlKey(key)} = ${renderValue(value)}\n`)
    .join('');
}

export const str = (value: string): TomlText => ({ kind: 'string', value });
export const int = (value: number): TomlText => ({ kind: 'integer', value });
export const bool = (value: boolean): TomlText => ({ kind: 'boolean', value });
export const datetime = (value: string): TomlText => ({ kind: 'datetime', value });
export const array = (items: TomlText[], multiline = false): TomlText => ({
  kind: 'array',
  items,
  multiline,
});
export const table = (entries: Array<[string, TomlText | undefined]>): TomlText => ({
  kind: 'inline-table',
  entries: entries.filter((entry): entry is [string, TomlText] => entry[1] !== undefined),
});
