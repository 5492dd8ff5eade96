// Generates lib/contracts/*.gen.ts from the JSON Schemas under schemas/ (the single source of truth):
//   types.gen.ts     TypeScript types (json-schema-to-typescript), one per titled schema, plus ContractTypes
//                    mapping every schema key ('messages/solved-package.v1') to its type;
//   schemas.gen.ts   the schema JSON itself, so validators need no file I/O at run time (works from
//                    lib/ under tsx and from dist/lib after a build alike);
//   catalogue.gen.ts the message catalogue derived from schemas/messages/<kebab-type>.v<N>.json;
//   parsers.gen.ts   one parse<Title>(data: unknown) per non-common schema.
// `node scripts/gen-types.mjs --check` writes nothing and exits 1 when a committed file is stale.
// Output is deterministic: files are visited in sorted order and nothing depends on time or machine.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS_DIR = join(ROOT, 'schemas');
const OUT_DIR = join(ROOT, 'lib', 'contracts');
const BASE_URI = 'https://thoth-station.ninja/schemas/';
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const HEADER =
  '// generated — do not edit. Source: schemas/**/*.json; regenerate with `npm run gen` (scripts/gen-types.mjs).\n';
const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.json$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

class SchemaConventionError extends Error {}

/** 'SIUnanalyzedPackage' → 'si-unanalyzed-package', 'CVEProvided' → 'cve-provided'. */
export function kebabCase(name) {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

async function listSchemaFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // examples/ holds instances for the tests, __fixtures__ test data: neither are schemas.
      if (entry.name === 'examples' || entry.name.startsWith('__') || entry.name === 'node_modules') continue;
      out.push(...(await listSchemaFiles(path)));
    } else if (entry.name.endsWith('.json')) {
      out.push(path);
    }
  }
  return out;
}

/** Load every schema and check the repository's conventions; returns entries sorted by key. */
export async function loadSchemas() {
  const files = (await listSchemaFiles(SCHEMAS_DIR)).sort();
  const entries = [];
  const problems = [];
  const titles = new Map();
  for (const file of files) {
    const rel = relative(SCHEMAS_DIR, file).split(sep).join('/');
    const schema = JSON.parse(await readFile(file, 'utf8'));
    const key = rel.replace(/\.json$/, '');
    const base = rel.split('/').pop();
    const match = FILE_NAME.exec(base);
    if (!match) problems.push(`${rel}: file name must be <kebab-name>.v<N>.json`);
    if (schema.$schema !== DRAFT) problems.push(`${rel}: $schema must be ${DRAFT}`);
    if (schema.$id !== BASE_URI + rel) problems.push(`${rel}: $id must be ${BASE_URI + rel}`);
    if (typeof schema.title !== 'string' || !PASCAL.test(schema.title)) {
      problems.push(`${rel}: title must be the PascalCase type name`);
    } else if (titles.has(schema.title)) {
      problems.push(`${rel}: title ${schema.title} is already used by ${titles.get(schema.title)}`);
    } else {
      titles.set(schema.title, rel);
    }
    if (typeof schema.description !== 'string' || schema.description === '') {
      problems.push(`${rel}: description is required`);
    }
    const version = match ? Number(match[2]) : 0;
    const entry = { key, rel, id: schema.$id, title: schema.title, version, schema };
    if (rel.startsWith('messages/') && base !== `envelope.v${version}.json` && match) {
      // The message type is the title; from v2 on the title carries a V<N> suffix to stay unique.
      const type = version > 1 ? String(schema.title).replace(new RegExp(`V${version}$`), '') : schema.title;
      if (version > 1 && type === schema.title) problems.push(`${rel}: title must end with V${version}`);
      if (kebabCase(type) !== match[1]) {
        problems.push(
          `${rel}: message type ${type} must live in messages/${kebabCase(type)}.v${version}.json`,
        );
      }
      entry.message = { type, topicSuffix: match[1] };
    }
    entries.push(entry);
  }
  if (problems.length > 0)
    throw new SchemaConventionError(`schema conventions violated:\n  ${problems.join('\n  ')}`);
  return entries;
}

const DROPPED_KEYWORDS = new Set(['$schema', '$id', '$defs', '$comment', 'discriminator', 'examples']);

/**
 * Inline every $ref so json-schema-to-typescript sees one object per schema location: a location reached
 * from several places is the same JS object, so its type is declared once under its title. A $ref with
 * sibling keywords (a property's own description) becomes {siblings, allOf: [target]}, which keeps the
 * property's doc comment without cloning the target into a second, numbered type.
 */
function createDereferencer(entries) {
  const byId = new Map(entries.map((e) => [e.id, e.schema]));
  const memo = new Map();

  function locate(uri) {
    const [docId, fragment = ''] = uri.split('#');
    const doc = byId.get(docId);
    if (doc === undefined) throw new SchemaConventionError(`unresolvable $ref ${uri}`);
    let node = doc;
    for (const token of fragment.split('/').filter((t) => t !== '')) {
      node = node?.[decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~')];
      if (node === undefined) throw new SchemaConventionError(`unresolvable $ref ${uri}`);
    }
    return { docId, pointer: fragment, node };
  }

  function process(node, docId, pointer) {
    const location = `${docId}#${pointer}`;
    if (memo.has(location)) return memo.get(location);
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      return node.map((item, i) => process(item, docId, `${pointer}/${i}`));
    }
    const out = {};
    memo.set(location, out); // before recursing, so cycles close on the same object
    if (typeof node.$ref === 'string') {
      const target = locate(new URL(node.$ref, docId).href);
      const resolved = process(target.node, target.docId, target.pointer);
      const siblings = Object.keys(node).filter((k) => k !== '$ref' && !DROPPED_KEYWORDS.has(k));
      if (siblings.length === 0) {
        memo.set(location, resolved);
        return resolved;
      }
      for (const k of siblings) out[k] = process(node[k], docId, `${pointer}/${k}`);
      out.allOf = [resolved];
      return out;
    }
    for (const [k, v] of Object.entries(node)) {
      if (DROPPED_KEYWORDS.has(k)) continue;
      out[k] = process(v, docId, `${pointer}/${escapeToken(k)}`);
    }
    return out;
  }

  return (entry) => process(entry.schema, entry.id, '');
}

function escapeToken(token) {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

async function generateTypes(entries) {
  const dereference = createDereferencer(entries);
  const root = {
    title: 'ContractTypes',
    description: "Every contract's type by schema key (the schema's path under schemas/ without '.json').",
    type: 'object',
    additionalProperties: false,
    required: entries.map((e) => e.key),
    properties: Object.fromEntries(entries.map((e) => [e.key, dereference(e)])),
  };
  const ts = await compile(root, 'ContractTypes', {
    bannerComment: '',
    additionalProperties: false,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    format: true,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    unknownAny: true,
    unreachableDefinitions: false,
    style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
  });
  return `${HEADER}// TypeScript types of every schema; wire names stay snake_case.\n\n${ts}`;
}

function generateSchemas(entries) {
  const lines = [
    HEADER,
    '// The schema JSON bundled for the validators (no file I/O at run time).',
    '',
    `/** Base URI of every schema $id. */`,
    `export const SCHEMA_BASE_URI = ${JSON.stringify(BASE_URI)};`,
    '',
    "/** Every schema, keyed by its path under schemas/ without '.json'. */",
    'export const SCHEMA_SOURCES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {',
  ];
  for (const e of entries) lines.push(`  ${JSON.stringify(e.key)}: ${JSON.stringify(e.schema)},`);
  lines.push('};', '');
  return lines.join('\n');
}

function generateCatalogue(entries) {
  const messages = entries
    .filter((e) => e.message)
    .sort((a, b) => a.message.type.localeCompare(b.message.type) || a.version - b.version);
  const lines = [
    HEADER,
    '// The message catalogue: one entry per schemas/messages/<kebab-type>.v<N>.json (envelope excluded).',
    '',
    'export const MESSAGE_CATALOGUE = [',
  ];
  for (const e of messages) {
    lines.push(
      `  { type: ${JSON.stringify(e.message.type)}, version: ${e.version}, topicSuffix: ${JSON.stringify(
        e.message.topicSuffix,
      )}, schemaId: ${JSON.stringify(e.id)}, schemaKey: ${JSON.stringify(e.key)} },`,
    );
  }
  lines.push('] as const;', '');
  return lines.join('\n');
}

function generateParsers(entries) {
  const parsed = entries.filter((e) => !e.key.startsWith('common/'));
  const lines = [
    HEADER,
    '// One parser per contract: validates with ajv and returns the typed value, or throws ContractError.',
    `import type { ${parsed.map((e) => e.title).join(', ')} } from './types.gen.js';`,
    "import { validateContract } from './validator.js';",
    '',
  ];
  for (const e of parsed) {
    lines.push(
      `/** Parse a ${e.title} (schemas/${e.rel}); throws ContractError listing every violation. */`,
      `export function parse${e.title}(data: unknown): ${e.title} {`,
      `  return validateContract(${JSON.stringify(e.key)}, data);`,
      '}',
      '',
    );
  }
  return lines.join('\n');
}

export async function generate() {
  const entries = await loadSchemas();
  return new Map([
    ['types.gen.ts', await generateTypes(entries)],
    ['schemas.gen.ts', generateSchemas(entries)],
    ['catalogue.gen.ts', generateCatalogue(entries)],
    ['parsers.gen.ts', generateParsers(entries)],
  ]);
}

async function main() {
  const check = process.argv.includes('--check');
  let files;
  try {
    files = await generate();
  } catch (error) {
    if (error instanceof SchemaConventionError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const stale = [];
  for (const [name, content] of files) {
    const path = join(OUT_DIR, name);
    const current = await readFile(path, 'utf8').catch(() => undefined);
    if (current === content) continue;
    stale.push(relative(ROOT, path));
    if (!check) await writeFile(path, content);
  }
  if (check && stale.length > 0) {
    console.error(`generated files are stale (run \`npm run gen\`):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(stale.length === 0 ? 'generated files are up to date' : `wrote ${stale.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
