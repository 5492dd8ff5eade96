// Parsing TOML and JSON project files with their positions, and the small typed accessors the readers
// share. Syntax errors become ProjectFileError at the line and column the parser reports.
import { parse as parseToml, TomlError } from 'smol-toml';
import { ProjectFileError, type ProjectFileErrorCode } from './errors.js';
import { locateJson, locateToml, type Locations, type ValuePath } from './locate.js';
import type { SourcePosition } from './types.js';

/** A parsed document with positions, and helpers that fail at the right place. */
export interface Document {
  file: string;
  data: Record<string, unknown>;
  locations: Locations;
  code: ProjectFileErrorCode;
}

/** Parses TOML; a syntax error points where smol-toml stopped. */
export function parseTomlDocument(text: string, file: string, code: ProjectFileErrorCode): Document {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = `not valid TOML: ${error.message.split('\n')[0] ?? ''}`;
      const lineText = text.split(/\r?\n/)[error.line - 1];
      throw new ProjectFileError(
        code,
        reason,
        { file, line: error.line, column: error.column, ...(lineText === undefined ? {} : { lineText }) },
        error,
      );
    }
    throw error;
  }
  return { file, data, locations: locateToml(text), code };
}

/** Parses JSON; a syntax error points at the position V8 reports when it reports one. */
export function parseJsonDocument(text: string, file: string, code: ProjectFileErrorCode): Document {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) {
      const offset = Number(/at position (\d+)/.exec(error.message)?.[1] ?? 0);
      const before = text.slice(0, offset).split('\n');
      const line = before.length;
      const column = (before[before.length - 1]?.length ?? 0) + 1;
      const lineText = text.split('\n')[line - 1]?.replace(/\r$/, '') ?? '';
      throw new ProjectFileError(
        code,
        `not valid JSON: ${error.message}`,
        { file, line, column, lineText },
        error,
      );
    }
    throw error;
  }
  if (!isTable(data))
    throw new ProjectFileError(code, 'expected a JSON object at the top level', { file, line: 1, column: 1 });
  return { file, data, locations: locateJson(text), code };
}

/** True for a plain object (a TOML table or JSON object), not an array, date or null. */
export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The position of `path` (or its nearest known parent) in the document. */
export function positionOf(doc: Document, path: ValuePath): SourcePosition {
  return { file: doc.file, ...doc.locations.near(path) };
}

/** Throws the document's error code at `path`, quoting its line. */
export function failAt(
  doc: Document,
  path: ValuePath,
  reason: string,
  extra: { columnOffset?: number; length?: number } = {},
): never {
  const position = doc.locations.near(path);
  throw new ProjectFileError(doc.code, reason, {
    file: doc.file,
    line: position.line,
    column: position.column + (extra.columnOffset ?? 0),
    lineText: doc.locations.lineText(position.line),
    length: extra.length ?? 1,
  });
}

/** Describes a value's type the way TOML/JSON users name it. */
export function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  return `a ${typeof value}`;
}

/** Reads an optional string at `path`, failing on any other type. */
export function optionalString(doc: Document, value: unknown, path: ValuePath): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    failAt(doc, path, `${formatPath(path)} must be a string, not ${typeName(value)}`);
  return value;
}

/** Reads an optional boolean at `path`, failing on any other type. */
export function optionalBoolean(doc: Document, value: unknown, path: ValuePath): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    failAt(doc, path, `${formatPath(path)} must be true or false, not ${typeName(value)}`);
  return value;
}

/** Reads an optional array of strings at `path`. */
export function optionalStrings(doc: Document, value: unknown, path: ValuePath): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    failAt(doc, path, `${formatPath(path)} must be an array of strings, not ${typeName(value)}`);
  return value.map((item, index) => {
    if (typeof item !== 'string')
      failAt(
        doc,
        [...path, index],
        `${formatPath([...path, index])} must be a string, not ${typeName(item)}`,
      );
    return item;
  });
}

/** `a.b[0].c`, with keys quoted when they are not bare TOML keys. */
export function formatPath(path: ValuePath): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = /^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part);
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}
