// The two small languages of Argo templates the local engine evaluates:
//  - `{{name}}` substitution (inputs.parameters.x, workflow.parameters.x, tasks.a.outputs.parameters.y,
//    item, item.k, …) over a flat scope of names to strings; an unknown name is an error, as in Argo;
//  - boolean expressions for `when`, `depends` and `retryStrategy.expression`: literals, names with
//    dots or ['index'] segments, == != < <= > >=, in [..], && || !, parentheses, asInt/asFloat/string.
// `when` is evaluated after substitution, and there a bare word compares as a string (Argo's
// `{{steps.flip.outputs.result}} == heads` idiom).
import { WorkflowDefinitionError } from '../errors.js';

/** Variable name → value, e.g. `inputs.parameters.package_name` → `flask`. */
export type Scope = ReadonlyMap<string, string>;

const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Replace every `{{name}}` in `text` from `scope`; throws naming the first unknown variable. */
export function substitute(text: string, scope: Scope, where: string): string {
  return text.replace(TAG, (_whole, name: string) => {
    const value = scope.get(name);
    if (value === undefined) {
      throw new WorkflowDefinitionError(`unresolved variable {{${name}}} in ${where}`, {
        variable: name,
        where,
      });
    }
    return value;
  });
}

/** True when `text` contains a `{{…}}` tag. */
export function hasTags(text: string): boolean {
  return /\{\{.*?\}\}/.test(text);
}

/** The `{{…}}` names used in `text`. */
export function tagsIn(text: string): string[] {
  return [...text.matchAll(TAG)].map((m) => m[1] ?? '');
}

type Value = string | number | boolean | null | Value[];

type Token =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'ident'; value: string }
  | { kind: 'op'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if ('<>!()[],'.includes(c)) {
      tokens.push({ kind: 'op', value: c });
      i += 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated string at ${i}`);
      tokens.push({ kind: 'str', value: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?(?![\w.-]*[A-Za-z_])/.exec(source.slice(i));
    if (num && (c !== '-' || tokens.length === 0 || tokens[tokens.length - 1]?.kind === 'op')) {
      tokens.push({ kind: 'num', value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    // Names: words with dots, hyphens and ['quoted'] index segments (docs/variables.md: hyphenated
    // task names need index syntax in expressions; after substitution bare words may hold hyphens).
    const ident = /^[A-Za-z_0-9][\w.-]*(?:\[\s*['"][^'"]*['"]\s*\][\w.-]*)*/.exec(source.slice(i));
    if (ident) {
      const raw = ident[0];
      tokens.push({
        kind: 'ident',
        value: raw.replace(/\[\s*['"]([^'"]*)['"]\s*\]/g, '.$1').replace(/^\./, ''),
      });
      i += raw.length;
      continue;
    }
    throw new Error(`unexpected "${c}" at ${i}`);
  }
  return tokens;
}

export interface EvaluateOptions {
  /** Variables an identifier may name. */
  variables?: ReadonlyMap<string, Value>;
  /** When true, an identifier that is not a variable evaluates to its own text (Argo `when`). */
  bareWordsAreStrings?: boolean;
}

/** Evaluate a boolean expression; throws WorkflowDefinitionError on syntax or unknown names. */
export function evaluate(source: string, options: EvaluateOptions = {}): boolean {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (error) {
    throw new WorkflowDefinitionError(`cannot parse expression "${source}": ${(error as Error).message}`);
  }
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (value: string): boolean => {
    const t = peek();
    return t?.kind === 'op' && t.value === value;
  };
  const expect = (value: string): void => {
    if (!isOp(value)) throw new WorkflowDefinitionError(`expected "${value}" in expression "${source}"`);
    pos += 1;
  };
  const fail = (message: string): never => {
    throw new WorkflowDefinitionError(`${message} in expression "${source}"`);
  };

  const FUNCTIONS: Record<string, (v: Value) => Value> = {
    asInt: (v) => {
      const n = Number.parseInt(String(v), 10);
      return Number.isNaN(n) ? fail(`asInt(${JSON.stringify(v)}) is not a number`) : n;
    },
    asFloat: (v) => {
      const n = Number.parseFloat(String(v));
      return Number.isNaN(n) ? fail(`asFloat(${JSON.stringify(v)}) is not a number`) : n;
    },
    string: (v) => String(v),
  };

  const primary = (): Value => {
    const t = peek();
    if (t === undefined) return fail('unexpected end');
    pos += 1;
    if (t.kind === 'num' || t.kind === 'str') return t.value;
    if (t.kind === 'op') {
      if (t.value === '(') {
        const v = or();
        expect(')');
        return v;
      }
      if (t.value === '!') return !truthy(primary());
      if (t.value === '[') {
        const items: Value[] = [];
        while (!isOp(']')) {
          items.push(or());
          if (isOp(',')) pos += 1;
        }
        expect(']');
        return items;
      }
      return fail(`unexpected "${t.value}"`);
    }
    const name = t.value;
    if (isOp('(')) {
      const fn = FUNCTIONS[name];
      if (fn === undefined) return fail(`unknown function ${name}()`);
      pos += 1;
      const arg = or();
      expect(')');
      return fn(arg);
    }
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'nil' || name === 'null') return null;
    const variable = options.variables?.get(name);
    if (variable !== undefined) return variable;
    if (options.bareWordsAreStrings) return name;
    return fail(`unknown name "${name}"`);
  };

  const compare = (): Value => {
    const left = primary();
    const t = peek();
    if (t?.kind === 'ident' && t.value === 'in') {
      pos += 1;
      const list = primary();
      if (!Array.isArray(list)) return fail('"in" needs a list');
      return list.some((item) => equal(left, item));
    }
    if (t?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) {
      pos += 1;
      const right = primary();
      switch (t.value) {
        case '==':
          return equal(left, right);
        case '!=':
          return !equal(left, right);
        default: {
          const [a, b] = [Number(left), Number(right)];
          if (Number.isNaN(a) || Number.isNaN(b))
            return fail(`cannot order ${String(left)} and ${String(right)}`);
          return t.value === '<' ? a < b : t.value === '<=' ? a <= b : t.value === '>' ? a > b : a >= b;
        }
      }
    }
    return left;
  };
  const and = (): Value => {
    let v = compare();
    while (isOp('&&')) {
      pos += 1;
      const r = compare();
      v = truthy(v) && truthy(r);
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (isOp('||')) {
      pos += 1;
      const r = and();
      v = truthy(v) || truthy(r);
    }
    return v;
  };

  const result = or();
  if (pos !== tokens.length) fail(`unexpected "${JSON.stringify(tokens[pos])}"`);
  return truthy(result);
}

function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new WorkflowDefinitionError(`expected a boolean, got ${JSON.stringify(v)}`);
}

/** Numbers and numeric strings compare as numbers (after substitution `"0" == 0` must hold). */
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [Number(a), Number(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y;
  }
  return String(a) === String(b);
}

/** Parse Argo durations: "30s", "10m", "1h30m", "500ms" or a bare number of seconds. */
export function parseDurationMs(text: string | number): number {
  if (typeof text === 'number') return text * 1000;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text.trim();
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (m === null) throw new WorkflowDefinitionError(`cannot parse duration "${text}"`);
    total += Number(m[1]) * (units[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return total;
}
