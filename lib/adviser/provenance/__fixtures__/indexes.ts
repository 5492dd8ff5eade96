// Test support: two loopback indexes over the recorded requests<2.33 corpus (lib/index/__fixtures__).
// "public" serves the corpus as recorded; "private" serves requests and idna only, and its idna 3.10
// carries different metadata, so its stub wheel (and its sha256) differs from the public one — the
// shape of a private index shadowing a public name. Locks are written from what the indexes publish
// with lib/python's writers, so every digest in them is real.
import { join } from 'node:path';
import { HttpPackageIndex, loadCorpus, serveCorpus } from '../../../index/index.js';
import type { Corpus, LoopbackIndex } from '../../../index/index.js';
import { writePipfileLock, writePylockToml, writeRequirementsTxt } from '../../../python/writers/index.js';
import type { LockedPackage, LockedStack } from '../../../python/writers/index.js';
import { fileVersion } from '../../../index/index.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'index', '__fixtures__', 'pypi-corpus-requests.jsonl.gz');

/** The stack the locks pin: requests 2.32.3 and its dependencies. */
export const STACK: ReadonlyArray<readonly [string, string]> = [
  ['certifi', '2024.8.30'],
  ['charset-normalizer', '3.4.0'],
  ['idna', '3.10'],
  ['requests', '2.32.3'],
  ['urllib3', '2.2.3'],
];

export interface TestIndexes {
  publicIndex: LoopbackIndex;
  privateIndex: LoopbackIndex;
  /** Index URLs without the trailing slash, as locks and findings spell them. */
  publicUrl: string;
  privateUrl: string;
  close(): Promise<void>;
}

function privateCorpus(corpus: Corpus): Corpus {
  const projects = new Map<string, Corpus['projects'] extends Map<string, infer P> ? P : never>();
  for (const name of ['requests', 'idna']) {
    const project = structuredClone(corpus.projects.get(name)!);
    if (name === 'idna')
      project.releases = project.releases.map((r) =>
        r.version === '3.10' && r.metadata !== undefined
          ? { ...r, metadata: r.metadata.replace(/^Summary: .*$/m, 'Summary: private rebuild') }
          : r,
      );
    projects.set(name, project);
  }
  return { header: { ...corpus.header, project_count: projects.size }, projects };
}

export async function startIndexes(): Promise<TestIndexes> {
  const corpus = await loadCorpus(CORPUS);
  const publicIndex = await serveCorpus(corpus);
  const privateIndex = await serveCorpus(privateCorpus(corpus));
  return {
    publicIndex,
    privateIndex,
    publicUrl: publicIndex.url.replace(/\/+$/, ''),
    privateUrl: privateIndex.url.replace(/\/+$/, ''),
    close: async () => {
      await publicIndex.close();
      await privateIndex.close();
    },
  };
}

/** The files `indexUrl` publishes for each release of STACK (or of `releases`), as lock packages. */
export async function lockedPackages(
  indexUrl: string,
  releases: ReadonlyArray<readonly [string, string]> = STACK,
): Promise<LockedPackage[]> {
  const index = new HttpPackageIndex({ indexUrls: [indexUrl] });
  try {
    const out: LockedPackage[] = [];
    for (const [name, version] of releases) {
      const page = await index.getProject(name);
      if (page.kind !== 'project') throw new Error(`${indexUrl} has no ${name}`);
      const files = page.files
        .filter((f) => fileVersion(f.filename, page.name) === version)
        .map((f) => ({ filename: f.filename, url: f.url, sha256: f.hashes['sha256']! }));
      if (files.length === 0) throw new Error(`${indexUrl} has no ${name} ${version}`);
      out.push({ name, version, indexUrl, files, extras: [], dev: false });
    }
    return out;
  } finally {
    await index.close();
  }
}

export const PIPFILE = '[packages]\nrequests = "==2.32.3"\n\n[requires]\npython_version = "3.11"\n';

export function stackOf(packages: LockedPackage[], sources: LockedStack['sources']): LockedStack {
  return { packages, sources, environments: [] };
}

export const writeLock = {
  pipfileLock: (stack: LockedStack): string => writePipfileLock(stack, { pipfile: PIPFILE }),
  requirementsTxt: (stack: LockedStack): string => writeRequirementsTxt(stack),
  pylockToml: (stack: LockedStack): string => writePylockToml(stack),
};
