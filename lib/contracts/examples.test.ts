// Runs every example under schemas/examples/<schema key>/: valid-*.json must parse; invalid-*.json must be
// refused with a ContractError whose violations include every line expected-errors.json lists for it, so an
// invalid example fails for the reason it was written for. Adding a case means adding a file.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors/index.js';
import { DOCUMENT_SCHEMAS, parseDocument, parseMessage, validateContract } from './index.js';
import type { DocumentKind, SchemaKey } from './index.js';
import { SCHEMA_SOURCES } from './schemas.gen.js';

const EXAMPLES = fileURLToPath(new URL('../../schemas/examples/', import.meta.url));
const KEYS = Object.keys(SCHEMA_SOURCES).sort() as SchemaKey[];

const KIND_BY_KEY = new Map<string, DocumentKind>(
  Object.entries(DOCUMENT_SCHEMAS).flatMap(([kind, versions]) =>
    Object.values(versions).map((key): [string, DocumentKind] => [key, kind as DocumentKind]),
  ),
);

/** Parse through the same entry point production uses for this schema. */
function parseAs(key: SchemaKey, data: unknown): unknown {
  if (key === 'messages/envelope.v1') return parseMessage(data);
  const kind = KIND_BY_KEY.get(key);
  if (kind !== undefined) return parseDocument(kind, data);
  return validateContract(key, data);
}

function violationLines(error: unknown): string[] {
  expect(error).toBeInstanceOf(ContractError);
  return (error as ContractError).violations.map((v) => `${v.pointer || '/'} ${v.message}`);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function examplesOf(key: string): { dir: string; valid: string[]; invalid: string[] } {
  const dir = `${EXAMPLES}${key}/`;
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  return {
    dir,
    valid: files.filter((f) => f.startsWith('valid-') && f.endsWith('.json')),
    invalid: files.filter((f) => f.startsWith('invalid-') && f.endsWith('.json')),
  };
}

describe.each(KEYS)('%s', (key) => {
  const { dir, valid, invalid } = examplesOf(key);
  const expected = existsSync(`${dir}expected-errors.json`)
    ? (readJson(`${dir}expected-errors.json`) as Record<string, string[]>)
    : {};

  it('has at least one valid and one invalid example', () => {
    expect(valid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(valid)('accepts %s', (file) => {
    expect(() => parseAs(key, readJson(`${dir}${file}`))).not.toThrow();
  });

  it.each(invalid)('refuses %s for the expected reason', (file) => {
    const lines = expected[file];
    expect(lines, `${file} needs an entry in expected-errors.json`).toBeDefined();
    let thrown: unknown;
    try {
      parseAs(key, readJson(`${dir}${file}`));
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `${file} was accepted`).toBeDefined();
    expect(violationLines(thrown)).toEqual(expect.arrayContaining(lines ?? []));
  });

  it('lists no expectation for a missing file', () => {
    expect(Object.keys(expected).filter((f) => !invalid.includes(f))).toEqual([]);
  });
});

it('has no example folder without a schema', () => {
  const folders: string[] = [];
  const walk = (rel: string): void => {
    const entries = readdirSync(`${EXAMPLES}${rel}`, { withFileTypes: true });
    if (entries.some((e) => e.isFile())) folders.push(rel.replace(/\/$/, ''));
    for (const e of entries) if (e.isDirectory()) walk(`${rel}${e.name}/`);
  };
  walk('');
  expect(folders.filter((f) => !KEYS.includes(f as SchemaKey))).toEqual([]);
});
