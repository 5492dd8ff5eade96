// Test support: a small knowledge graph for Dependency Monkey runs through steps and the CLI. Two
// packages solved for CPython 3.11 on x86_64 Linux (the environment `--python-version 3.11` selects):
// app 1.0 (no dependencies) and app 2.0 (needs lib), lib 1.0 and 2.0 — three valid stacks in all.
import { migrate, upsertEnvironments, upsertRelease } from '../../../graph/index.js';
import type { DependencyRecord, GraphStore } from '../../../graph/index.js';
import { learningTarget } from '../../../learning/index.js';

export const INDEX_URL = 'https://pypi.org/simple';

/** The graph's environment key of `{python_version: '3.11', machine: 'x86_64'}`. */
export function environmentKey(): string {
  return learningTarget({ python_version: '3.11', machine: 'x86_64' }).key;
}

const dependency = (name: string, specifier = ''): DependencyRecord => ({
  name,
  specifier,
  extras: [],
  marker: null,
  activatingExtra: null,
  url: null,
});

export async function seedGraph(graph: GraphStore): Promise<void> {
  await migrate(graph);
  const target = learningTarget({ python_version: '3.11', machine: 'x86_64' });
  const ids = await upsertEnvironments(graph, [
    { key: target.key, pythonVersion: target.spec.python, platform: target.spec.platform },
  ]);
  const releases: Array<[string, string, DependencyRecord[]]> = [
    ['app', '1.0', []],
    ['app', '2.0', [dependency('lib', '>=1.0')]],
    ['lib', '1.0', []],
    ['lib', '2.0', []],
  ];
  for (const [name, version, dependencies] of releases)
    await upsertRelease(
      graph,
      {
        name,
        version,
        indexUrl: INDEX_URL,
        requiresPython: null,
        yanked: false,
        yankedReason: null,
        uploadTime: null,
        metadataSource: null,
        files: [
          {
            filename: `${name}-${version}-py3-none-any.whl`,
            kind: 'wheel',
            tags: ['py3-none-any'],
            sha256: `${name === 'app' ? 'a' : 'b'}${version.replace('.', '')}`.padEnd(64, '0'),
            size: null,
            uploadTime: null,
            url: null,
          },
        ],
        dependencies,
        verdicts: [{ environmentKey: target.key, installable: true, reason: null, error: null }],
      },
      version,
      ids,
      null,
    );
}
