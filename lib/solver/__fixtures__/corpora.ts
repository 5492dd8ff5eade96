// Test support: the recorded PyPI corpus (requests<2.33, captured by lib/index) and small hand-made
// corpora for cases PyPI data does not cover in one place (platform wheels, odd markers, bad lines).
import { CORPUS_FORMAT, CORPUS_FORMAT_VERSION, loadCorpus } from '../../index/index.js';
import type { Corpus, CorpusProject } from '../../index/index.js';

/** The requests<2.33 corpus recorded from pypi.org (see lib/index/README.md, "Corpus format"). */
export function loadRequestsCorpus(): Promise<Corpus> {
  return loadCorpus(new URL('../../index/__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname);
}

export interface ReleaseFixture {
  project: string;
  version: string;
  /** File names (default one pure wheel). */
  files?: string[];
  requires?: string[];
  requiresPython?: string;
  /** The Version header inside the metadata when it differs from `version`. */
  metadataVersion?: string;
  yanked?: true | string;
}

/** A corpus with one release per fixture; metadata is generated from the fixture's fields. */
export function corpusOf(releases: readonly ReleaseFixture[]): Corpus {
  const projects = new Map<string, CorpusProject>();
  for (const spec of releases) {
    const normalized = spec.project.toLowerCase().replace(/[-_.]+/g, '-');
    const project = projects.get(normalized) ?? {
      name: spec.project,
      normalized_name: normalized,
      versions: [],
      files: [],
      releases: [],
    };
    const files = spec.files ?? [`${normalized.replace(/-/g, '_')}-${spec.version}-py3-none-any.whl`];
    project.versions.push(spec.version);
    for (const filename of files) {
      project.files.push({
        filename,
        upload_time: '2024-01-02T03:04:05Z',
        ...(spec.requiresPython === undefined ? {} : { requires_python: spec.requiresPython }),
        ...(spec.yanked === undefined ? {} : { yanked: spec.yanked }),
      });
    }
    project.releases.push({
      version: spec.version,
      metadata_file: files[0]!,
      metadata: metadataText(spec),
    });
    projects.set(normalized, project);
  }
  return {
    header: {
      format: CORPUS_FORMAT,
      format_version: CORPUS_FORMAT_VERSION,
      captured_at: '2024-06-01T00:00:00.000Z',
      index_url: 'https://example.invalid/simple/',
      cutoff: null,
      requirements: [],
      environments: null,
      project_count: projects.size,
    },
    projects,
  };
}

/** METADATA text for a fixture (what the loopback index serves as PEP 658 file and in stub wheels). */
export function metadataText(spec: ReleaseFixture, requires = spec.requires ?? []): string {
  return [
    'Metadata-Version: 2.1',
    `Name: ${spec.project}`,
    `Version: ${spec.metadataVersion ?? spec.version}`,
    ...(spec.requiresPython === undefined ? [] : [`Requires-Python: ${spec.requiresPython}`]),
    ...requires.map((r) => `Requires-Dist: ${r}`),
    '',
  ].join('\n');
}
