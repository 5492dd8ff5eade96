// The set-up the adviser's top-level tests (advise, baseline, search) share: one CPython 3.11.4 /
// linux / x86_64 environment, in-memory knowledge built from a name → version → spec table, root
// requirements, the adviser document envelope results are validated in, and a product's pins as text.
import type { DocumentMetadata, ExecutionEnvironment } from '../../contracts/index.js';
import { defaultEnvironment } from '../../python/index.js';
import { InMemoryKnowledgeSource, fixtureRelease } from '../knowledge/index.js';
import type { ReleaseSpec } from '../knowledge/index.js';
import type { AdviserEnvironment, RootRequirement } from '../types.js';

export const ENV: AdviserEnvironment = {
  pythonVersion: '3.11.4',
  markers: defaultEnvironment({ python: '3.11.4', platform: 'linux', machine: 'x86_64' }),
};

/** The artifact hash every fixture release carries unless its spec or the caller gives another. */
export const HASH = 'a'.repeat(64);

/** Knowledge of `packages` (name → version → spec), each release hashed `hash` unless its spec says. */
export function knowledge(
  packages: Record<string, Record<string, ReleaseSpec>>,
  hash: string = HASH,
): InMemoryKnowledgeSource {
  return new InMemoryKnowledgeSource(
    Object.entries(packages).flatMap(([name, versions]) =>
      Object.entries(versions).map(([v, spec]) => fixtureRelease(name, v, { hashes: [hash], ...spec })),
    ),
  );
}

export const req = (name: string, specifier = '', extras: string[] = []): RootRequirement => ({
  name,
  specifier,
  extras,
  marker: null,
});

/** An adviser document envelope with `documentId`, naming the analyzer's OS only when `os` is given. */
export function adviserMetadata(
  documentId: string,
  os?: Pick<ExecutionEnvironment, 'os_name' | 'os_version'>,
): DocumentMetadata {
  return {
    analyzer: 'thoth-adviser',
    analyzer_version: '0.1.0',
    schema_version: 1,
    document_id: documentId,
    datetime: '2024-03-01T12:00:00Z',
    duration: 0.1,
    arguments: {},
    environment: {
      deployment: 'thoth-local',
      hostname: 'test',
      node_version: '20.18.1',
      platform: 'linux-x64',
      ...os,
    },
  };
}

/** A product's lock as `name==version` pins, in lock order. */
export const pinsOf = (p: { lock: { packages: Array<{ name: string; version: string }> } }): string =>
  p.lock.packages.map((x) => `${x.name}==${x.version}`).join(' ');
