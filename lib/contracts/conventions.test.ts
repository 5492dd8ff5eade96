// Checks the conventions of schemas/README.md on every schema: snake_case wire names, a description on
// every property, additionalProperties stated on every object (false on our own, explicit when free-form),
// a title on every named definition, and every schema compiling under ajv's strict mode.
import { describe, expect, it } from 'vitest';
import { checkContract } from './index.js';
import type { SchemaKey } from './index.js';
import { SCHEMA_SOURCES } from './schemas.gen.js';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every subschema with its JSON pointer inside the file. */
function* subschemas(node: unknown, pointer = ''): Generator<[string, Node]> {
  if (!isNode(node)) return;
  yield [pointer, node];
  for (const keyword of ['properties', '$defs', 'patternProperties']) {
    const map = node[keyword];
    if (isNode(map))
      for (const [name, sub] of Object.entries(map)) yield* subschemas(sub, `${pointer}/${keyword}/${name}`);
  }
  for (const keyword of ['items', 'additionalProperties', 'propertyNames', 'not', 'contains']) {
    yield* subschemas(node[keyword], `${pointer}/${keyword}`);
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = node[keyword];
    if (Array.isArray(list))
      for (const [i, sub] of list.entries()) yield* subschemas(sub, `${pointer}/${keyword}/${i}`);
  }
}

const KEYS = Object.keys(SCHEMA_SOURCES).sort() as SchemaKey[];

describe.each(KEYS)('%s', (key) => {
  const nodes = [...subschemas(SCHEMA_SOURCES[key])];

  it('compiles under ajv strict mode', () => {
    expect(() => checkContract(key, null)).not.toThrow();
  });

  it('names properties in snake_case and describes each', () => {
    const problems: string[] = [];
    for (const [pointer, node] of nodes) {
      if (!isNode(node['properties'])) continue;
      for (const [name, property] of Object.entries(node['properties'])) {
        if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push(`${pointer}/properties/${name}: not snake_case`);
        if (
          !isNode(property) ||
          typeof property['description'] !== 'string' ||
          property['description'] === ''
        ) {
          problems.push(`${pointer}/properties/${name}: no description`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('states additionalProperties on every object', () => {
    const problems = nodes
      .filter(([, node]) => isNode(node['properties']) || node['type'] === 'object')
      .filter(([, node]) => node['additionalProperties'] === undefined && node['oneOf'] === undefined)
      .map(([pointer]) => pointer || '/');
    expect(problems).toEqual([]);
  });

  it('titles every named definition', () => {
    const problems = nodes
      .filter(([pointer]) => /^\/\$defs\/[^/]+$/.test(pointer))
      .filter(([, node]) => typeof node['title'] !== 'string')
      .map(([pointer]) => pointer);
    expect(problems).toEqual([]);
  });
});
