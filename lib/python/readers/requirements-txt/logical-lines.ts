// pip's preprocessing of a requirements file, step for step (pip/_internal/req/req_file.py `preprocess`):
// split into lines as Python's str.splitlines does, join lines ending in `\`, drop comments and blank
// lines, expand `${VAR}`. Unlike pip we remember, for every character of a logical line, the physical
// line and column it came from, so errors can point into the file even after joining and expansion.
import { PY_SPACE_CLASS } from '../../name/index.js';

/** One logical line: what pip's line parser sees, plus where each character came from. */
export interface LogicalLine {
  /** The text after joining, comment removal, stripping and `${VAR}` expansion. */
  text: string;
  /** 1-based physical line where the logical line starts (pip reports this number too). */
  line: number;
  /** For each index of `text` (and one past the end), the 1-based physical line of that character. */
  lines: number[];
  /** For each index of `text` (and one past the end), the 1-based column of that character. */
  columns: number[];
}

/** The physical lines of a file and its logical lines. */
export interface PreprocessedFile {
  /** Physical lines, index 0 = line 1, for quoting in error messages. */
  physical: string[];
  /** Logical lines in order. */
  logical: LogicalLine[];
}

// Python's str.splitlines() boundaries: \r\n counts as one; \v, \f, \x1c-\x1e, \x85, U+2028/9 split too.
// eslint-disable-next-line no-control-regex -- Python's line boundaries include these control characters.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
// pip's COMMENT_RE `(^|\s+)#.*$`: `#` starts a comment only at the line start or after whitespace, so
// `git+https://host/repo#egg=name` keeps its fragment.
const COMMENT_LINE = new RegExp(`^(?:${PY_SPACE_CLASS}+)?#`, 'u');
const COMMENT = new RegExp(`(?:^|${PY_SPACE_CLASS}+)#.*$`, 'u');
const SPACE = new RegExp(`^${PY_SPACE_CLASS}$`, 'u');
// pip's ENV_VAR_RE: only `${NAME}` with POSIX-portable names (uppercase, digits, `_`), never `$NAME`.
const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;

/** A string under construction with the origin of each character. */
interface Traced {
  text: string;
  lines: number[];
  columns: number[];
}

function traceOf(text: string, line: number, firstColumn: number): Traced {
  const lines: number[] = [];
  const columns: number[] = [];
  for (let i = 0; i < text.length; i++) {
    lines.push(line);
    columns.push(firstColumn + i);
  }
  return { text, lines, columns };
}

function concat(parts: Traced[]): Traced {
  return {
    text: parts.map((p) => p.text).join(''),
    lines: parts.flatMap((p) => p.lines),
    columns: parts.flatMap((p) => p.columns),
  };
}

function slice(t: Traced, start: number, end = t.text.length): Traced {
  return {
    text: t.text.slice(start, end),
    lines: t.lines.slice(start, end),
    columns: t.columns.slice(start, end),
  };
}

/** Splits `content` into lines exactly as Python's str.splitlines() (no trailing empty line). */
export function splitLines(content: string): string[] {
  const parts = content.split(LINE_BREAK);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** pip's join_lines: a line ending in `\` continues on the next one, unless it is a comment line. */
function joinLines(physical: string[]): Array<{ line: number; traced: Traced }> {
  const out: Array<{ line: number; traced: Traced }> = [];
  let pending: Traced[] = [];
  let primary = 0;
  physical.forEach((raw, index) => {
    const lineNo = index + 1;
    const isComment = COMMENT_LINE.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      // pip prefixes a comment line with a space so the comment regex still removes it once joined.
      const traced = isComment
        ? concat([traceOf(' ', lineNo, 1), traceOf(raw, lineNo, 1)])
        : traceOf(raw, lineNo, 1);
      if (pending.length > 0) {
        pending.push(traced);
        out.push({ line: primary, traced: concat(pending) });
        pending = [];
      } else {
        out.push({ line: lineNo, traced });
      }
      return;
    }
    if (pending.length === 0) primary = lineNo;
    // Python's str.strip('\\') removes every backslash at both ends, not just the last one.
    let start = 0;
    let end = raw.length;
    while (start < end && raw[start] === '\\') start++;
    while (end > start && raw[end - 1] === '\\') end--;
    pending.push(slice(traceOf(raw, lineNo, 1), start, end));
  });
  if (pending.length > 0) out.push({ line: primary, traced: concat(pending) });
  return out;
}

function stripSpaces(t: Traced): Traced {
  let start = 0;
  let end = t.text.length;
  while (start < end && SPACE.test(t.text[start] ?? '')) start++;
  while (end > start && SPACE.test(t.text[end - 1] ?? '')) end--;
  return slice(t, start, end);
}

function expandVariables(t: Traced, env: Readonly<Record<string, string>>): Traced {
  const parts: Traced[] = [];
  let last = 0;
  for (const match of t.text.matchAll(ENV_VAR)) {
    const value = env[match[1] ?? ''];
    // pip skips unset and empty variables, leaving `${NAME}` in place.
    if (value === undefined || value === '') continue;
    const at = match.index;
    parts.push(slice(t, last, at));
    // Every character of the value points at the `$` of the reference it replaced.
    parts.push({
      text: value,
      lines: Array.from(value, () => t.lines[at] ?? 0),
      columns: Array.from({ length: value.length }, () => t.columns[at] ?? 0),
    });
    last = at + match[0].length;
  }
  if (parts.length === 0) return t;
  parts.push(slice(t, last));
  return concat(parts);
}

/** Runs pip's preprocessing over a whole file. `env` supplies `${VAR}` values (pip reads os.environ). */
export function preprocess(content: string, env: Readonly<Record<string, string>> = {}): PreprocessedFile {
  // pip decodes with the BOM removed; a caller handing us decoded text may still carry U+FEFF.
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  const physical = splitLines(text);
  const logical: LogicalLine[] = [];
  for (const { line, traced } of joinLines(physical)) {
    const match = COMMENT.exec(traced.text);
    const uncommented = match === null ? traced : slice(traced, 0, match.index);
    const stripped = stripSpaces(uncommented);
    if (stripped.text === '') continue;
    const expanded = expandVariables(stripped, env);
    const endLine = expanded.lines[expanded.lines.length - 1] ?? line;
    const endColumn = (expanded.columns[expanded.columns.length - 1] ?? 0) + 1;
    logical.push({
      text: expanded.text,
      line,
      lines: [...expanded.lines, endLine],
      columns: [...expanded.columns, endColumn],
    });
  }
  return { physical, logical };
}
