// Python's json.dumps, byte for byte, for the two settings pipenv uses: the compact form hashed into
// `_meta.hash` (`sort_keys=True, separators=(",", ":")`) and the indented form of Pipfile.lock
// (`indent=4, separators=(",", ": "), sort_keys=True`). Both keep Python's defaults that JSON.stringify
// lacks: ensure_ascii (every character outside ' '..'~' as a lowercase \uXXXX escape), keys sorted by
// code point, integers apart from floats (a float always shows a '.' or an exponent, as repr does).

/** A JSON value as Python sees it: integers are bigint, floats are number. */
export type PyJson = string | bigint | number | boolean | null | PyJson[] | { [key: string]: PyJson };

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** json's py_encode_basestring_ascii: UTF-16 code units outside printable ASCII become \uXXXX. */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else {
      const code = text.charCodeAt(i);
      // Astral characters are two UTF-16 units here, which gives Python's surrogate-pair escapes.
      out += code >= 0x20 && code <= 0x7e ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}"`;
}

/** Python's repr(float) (and so json.dumps of a float): shortest round-trip digits, Python's layout. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without digits gives the shortest digits that round-trip, like Python's repr.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // float_repr_style 'short': scientific notation when the exponent is < -4 or >= 16.
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${integer}.${fraction === '' ? '0' : fraction}`;
}

// Python sorts str keys by code point; JS's default sort compares UTF-16 units, which differs for
// characters beyond U+FFFF.
function compareKeys(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function scalar(value: PyJson): string | undefined {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pythonFloatRepr(value);
  if (typeof value === 'string') return pythonJsonString(value);
  return undefined;
}

/** json.dumps(value, sort_keys=True, separators=(",", ":")). */
export function dumpCompact(value: PyJson): string {
  const simple = scalar(value);
  if (simple !== undefined) return simple;
  if (Array.isArray(value)) return `[${value.map(dumpCompact).join(',')}]`;
  const object = value as { [key: string]: PyJson };
  const keys = Object.keys(object).sort(compareKeys);
  return `{${keys.map((k) => `${pythonJsonString(k)}:${dumpCompact(object[k] as PyJson)}`).join(',')}}`;
}

/** json.dumps(value, indent=4, separators=(",", ": "), sort_keys=True). */
export function dumpIndented(value: PyJson, level = 0): string {
  const simple = scalar(value);
  if (simple !== undefined) return simple;
  const inner = ' '.repeat((level + 1) * 4);
  const outer = ' '.repeat(level * 4);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + dumpIndented(v, level + 1)).join(',\n')}\n${outer}]`;
  }
  const object = value as { [key: string]: PyJson };
  const keys = Object.keys(object).sort(compareKeys);
  if (keys.length === 0) return '{}';
  const members = keys.map(
    (k) => `${inner}${pythonJsonString(k)}: ${dumpIndented(object[k] as PyJson, level + 1)}`,
  );
  return `{\n${members.join(',\n')}\n${outer}}`;
}
