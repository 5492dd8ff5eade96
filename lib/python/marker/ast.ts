// The parsed form of a marker, kept in packaging's nested-list shape because its string form depends on
// that shape (a redundant `[[…]]` wrapper is unwrapped, a nested group is parenthesized).

/** An environment variable such as `python_version` (aliases like `os.name` already rewritten). */
export interface MarkerVariable {
  readonly kind: 'variable';
  readonly name: string;
}

/** A quoted string, after Python escape processing (and PEP 685 normalization for extras). */
export interface MarkerValue {
  readonly kind: 'value';
  readonly value: string;
}

export type MarkerOperand = MarkerVariable | MarkerValue;

export type MarkerOperator = '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not in';

/** `left op right`, e.g. `python_version >= "3.8"` or `"gpu" in extras`. */
export interface MarkerComparison {
  readonly kind: 'comparison';
  readonly left: MarkerOperand;
  readonly op: MarkerOperator;
  readonly right: MarkerOperand;
}

export type MarkerBoolOp = 'and' | 'or';

/** An atom, then alternating boolean operators and atoms. A parenthesized group is a nested list. */
export type MarkerList = ReadonlyArray<MarkerAtom | MarkerBoolOp>;
export type MarkerAtom = MarkerComparison | MarkerList;

/** packaging's `Value.serialize`: double quotes unless the value contains one. */
export function serializeValue(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  throw new Error('Cannot serialize marker value containing both quote characters');
}

function serializeOperand(operand: MarkerOperand): string {
  return operand.kind === 'variable' ? operand.name : serializeValue(operand.value);
}

/** The string form of a marker, equal to packaging's `str(Marker(...))`. */
export function formatMarker(marker: MarkerList | MarkerAtom | MarkerBoolOp, first = true): string {
  if (typeof marker === 'string') return marker;
  if (Array.isArray(marker)) {
    const list = marker as MarkerList;
    const only = list[0];
    if (list.length === 1 && only !== undefined && typeof only !== 'string') return formatMarker(only, first);
    const inner = list.map((item) => formatMarker(item, false)).join(' ');
    return first ? inner : `(${inner})`;
  }
  const comparison = marker as MarkerComparison;
  return `${serializeOperand(comparison.left)} ${comparison.op} ${serializeOperand(comparison.right)}`;
}
