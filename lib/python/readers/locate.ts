// Source positions for values in TOML and JSON documents. smol-toml and JSON.parse return plain values
// without positions, so once a document has parsed we scan its text a second time and record where
// each key and each array element starts, keyed by its path. The scanners assume well-formed input
// (the real parser has already accepted it) and only need to find token boundaries.

/** A 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A path to a value: table keys and array indexes. */
export type ValuePath = ReadonlyArray<string | number>;

/** Positions found in a document, looked up by path. */
export interface Locations {
  /** Where the key (or, for array elements, the element) at `path` starts; undefined when not found. */
  at(path: ValuePath): TextPosition | undefined;
  /** The nearest known position: `path`, else its longest known prefix, else line 1 column 1. */
  near(path: ValuePath): TextPosition;
  /** The text of physical line `line` (1-based), for error excerpts. */
  lineText(line: number): string;
}

function keyOf(path: ValuePath): string {
  return JSON.stringify(path);
}

function makeLocations(text: string, offsets: Map<string, number>): Locations {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const toPosition = (offset: number): TextPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  const at = (path: ValuePath): TextPosition | undefined => {
    const offset = offsets.get(keyOf(path));
    return offset === undefined ? undefined : toPosition(offset);
  };
  return {
    at,
    near(path) {
      for (let n = path.length; n > 0; n--) {
        const found = at(path.slice(0, n));
        if (found !== undefined) return found;
      }
      return { line: 1, column: 1 };
    },
    lineText(line) {
      const start = lineStarts[line - 1];
      if (start === undefined) return '';
      const end = lineStarts[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, '');
    },
  };
}

/** A cursor over TOML text that records positions as it walks. */
class TomlScanner {
  private i = 0;
  readonly offsets = new Map<string, number>();
  private readonly arrayTables = new Map<string, number>();

  constructor(private readonly text: string) {}

  private peek(n = 0): string {
    return this.text[this.i + n] ?? '';
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }

  private record(path: ValuePath, offset: number): void {
    const key = keyOf(path);
    if (!this.offsets.has(key)) this.offsets.set(key, offset);
  }

  /** Skips spaces, tabs, and (when `newlines`) line breaks and comments. */
  private skip(newlines: boolean): void {
    for (;;) {
      const ch = this.peek();
      if (ch === ' ' || ch === '\t') this.i++;
      else if (newlines && (ch === '\n' || ch === '\r')) this.i++;
      else if (ch === '#') while (this.i < this.text.length && this.peek() !== '\n') this.i++;
      else return;
    }
  }

  private readString(): string {
    const quote = this.peek();
    const triple = this.startsWith(quote.repeat(3));
    if (triple) {
      this.i += 3;
      const start = this.i;
      for (;;) {
        if (this.i >= this.text.length) return this.text.slice(start);
        if (quote === '"' && this.peek() === '\\') {
          this.i += 2;
          continue;
        }
        // A closing delimiter may be followed by up to two more quotes that belong to the string.
        if (this.startsWith(quote.repeat(3)) && this.peek(3) !== quote) {
          const value = this.text.slice(start, this.i);
          this.i += 3;
          return value;
        }
        this.i++;
      }
    }
    this.i++;
    let value = '';
    while (this.i < this.text.length && this.peek() !== quote) {
      if (quote === '"' && this.peek() === '\\') {
        value += this.peek() + this.peek(1);
        this.i += 2;
        continue;
      }
      value += this.peek();
      this.i++;
    }
    this.i++;
    return quote === '"' ? unescapeBasic(value) : value;
  }

  /** A dotted key: bare or quoted segments separated by `.` with optional spaces. */
  private readKey(): string[] {
    const segments: string[] = [];
    for (;;) {
      this.skip(false);
      const ch = this.peek();
      if (ch === '"' || ch === "'") segments.push(this.readString());
      else {
        const start = this.i;
        while (/[A-Za-z0-9_-]/.test(this.peek())) this.i++;
        segments.push(this.text.slice(start, this.i));
      }
      this.skip(false);
      if (this.peek() !== '.') return segments;
      this.i++;
    }
  }

  private scanValue(path: ValuePath): void {
    const ch = this.peek();
    if (ch === '[') {
      this.i++;
      let index = 0;
      for (;;) {
        this.skip(true);
        if (this.peek() === ']' || this.i >= this.text.length) {
          this.i++;
          return;
        }
        this.record([...path, index], this.i);
        this.scanValue([...path, index]);
        this.skip(true);
        if (this.peek() === ',') this.i++;
        index++;
      }
    }
    if (ch === '{') {
      this.i++;
      for (;;) {
        this.skip(true);
        if (this.peek() === '}' || this.i >= this.text.length) {
          this.i++;
          return;
        }
        const start = this.i;
        const key = [...path, ...this.readKey()];
        this.record(key, start);
        this.skip(false);
        if (this.peek() === '=') this.i++;
        this.skip(false);
        this.scanValue(key);
        this.skip(true);
        if (this.peek() === ',') this.i++;
      }
    }
    if (ch === '"' || ch === "'") {
      this.readString();
      return;
    }
    // Numbers, booleans, dates (which may contain one space) end at a delimiter or comment.
    while (this.i < this.text.length && !/[,\]}\n#]/.test(this.peek())) this.i++;
  }

  scan(): void {
    let table: ValuePath = [];
    for (;;) {
      this.skip(true);
      if (this.i >= this.text.length) return;
      const start = this.i;
      if (this.startsWith('[[')) {
        this.i += 2;
        const name = this.readKey();
        this.i += 2;
        const count = this.arrayTables.get(keyOf(name)) ?? 0;
        this.arrayTables.set(keyOf(name), count + 1);
        table = [...name, count];
        this.record(name, start);
        this.record(table, start);
        continue;
      }
      if (this.peek() === '[') {
        this.i++;
        const name = this.readKey();
        this.i++;
        table = this.resolveTable(name);
        this.record(table, start);
        continue;
      }
      const key = [...table, ...this.readKey()];
      this.record(key, start);
      this.skip(false);
      if (this.peek() === '=') this.i++;
      this.skip(false);
      this.scanValue(key);
    }
  }

  // A `[a.b]` header under an array of tables `[[a]]` refers to the latest element of `a`.
  private resolveTable(name: string[]): ValuePath {
    const path: Array<string | number> = [];
    for (const segment of name) {
      path.push(segment);
      const count = this.arrayTables.get(keyOf(path));
      if (count !== undefined && path.length < name.length) path.push(count - 1);
    }
    return path;
  }
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

function unescapeBasic(value: string): string {
  return value.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return ESCAPES[esc] ?? esc;
  });
}

/** Positions of every key and array element in a TOML document (which must already have parsed). */
export function locateToml(text: string): Locations {
  const scanner = new TomlScanner(text);
  scanner.scan();
  return makeLocations(text, scanner.offsets);
}

/** Positions of every object member and array element in a JSON document (which must already have parsed). */
export function locateJson(text: string): Locations {
  const offsets = new Map<string, number>();
  let i = 0;
  const skip = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: ValuePath): void => {
    skip();
    const ch = text[i];
    if (ch === '{') {
      i++;
      for (;;) {
        skip();
        if (text[i] === '}' || i >= text.length) {
          i++;
          return;
        }
        const start = i;
        const key = [...path, readString()];
        if (!offsets.has(keyOf(key))) offsets.set(keyOf(key), start);
        skip();
        i++; // ':'
        value(key);
        skip();
        if (text[i] === ',') i++;
      }
    }
    if (ch === '[') {
      i++;
      let index = 0;
      for (;;) {
        skip();
        if (text[i] === ']' || i >= text.length) {
          i++;
          return;
        }
        offsets.set(keyOf([...path, index]), i);
        value([...path, index]);
        skip();
        if (text[i] === ',') i++;
        index++;
      }
    }
    if (ch === '"') {
      readString();
      return;
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i] ?? '')) i++;
  };
  value([]);
  return makeLocations(text, offsets);
}
