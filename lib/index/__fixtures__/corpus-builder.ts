// Test support: build small in-memory corpora (one release per entry) for the loopback index.
import { CORPUS_FORMAT, CORPUS_FORMAT_VERSION } from '../corpus/index.js';
import type { Corpus, CorpusProject } from '../corpus/index.js';

export interface ReleaseSpec {
  project: string;
  version: string;
  /** File names of the release (default one pure wheel). */
  files?: string[];
  /** Requires-Dist lines. */
  requires?: string[];
  requiresPython?: string;
  /** Raw metadata text instead of the generated one. */
  metadata?: string;
  yanked?: true | string;
  uploadTime?: string;
}

export function buildCorpus(releases: readonly ReleaseSpec[]): Corpus {
  const projects = new Map<string, CorpusProject>();
  for (const spec of releases) {
    const key = spec.project.toLowerCase().replace(/[-_.]+/g, '-');
    const project = projects.get(key) ?? { name: spec.project, normalized_name: key, versions: [], files: [], releases: [] };
    const files = spec.files ?? [`${key.replace(/-/g, '_')}-${spec.version}-py3-none-any.whl`];
    project.versions.push(spec.version);
    for (const filename of files) {
      project.files.push({
        filename,
        sha256: '0'.repeat(64),
        upload_time: spec.uploadTime ?? '2024-01-01T00:00:00Z',
        ...(spec.requiresPython === undefined ? {} : { requires_python: spec.requiresPython }),
        ...(spec.yanked === undefined ? {} : { yanked: spec.yanked }),
      });
    }
    const metadata =
      spec.metadata ??
      [
        'Metadata-Version: 2.1',
        `Name: ${spec.project}`,
        `Version: ${spec.version}`,
        ...(spec.requiresPython === undefined ? [] : [`Requires-Python: ${spec.requiresPython}`]),
        ...(spec.requires ?? []).map((r) => `Requires-Dist: ${r}`),
        '',
      ].join('\n');
    project.releases.push({ version: spec.version, metadata_file: files[0]!, metadata });
    projects.set(key, project);
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
