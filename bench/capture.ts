// Captures each workload's corpus from pypi.org (bench/corpora/<name>.jsonl.gz): the dependency
// closure of its roots under its cutoff, only the versions some reachable requirement admits. Markers
// are not used to prune: poetry and pdm lock for every platform and need the Windows/macOS-only
// dependencies (colorama, appnope, …) too. A workload with a `capture` window (large graphs) sees
// only the newest releases of each project (bench/lib/windowed-index.ts); one with `build` has pip
// prepare the metadata of old sdists lib/index cannot read (bench/lib/sdist-metadata.ts). Metadata already read is
// kept under ${THOTH_CACHE:-~/.cache/thoth}/bench-capture, so a re-capture costs only page reads.
// Run: npx tsx bench/capture.ts [workload …]
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { captureCorpus, HttpPackageIndex, writeCorpus } from '../lib/index/index.js';
import { BENCH_VENV } from './lib/peers.js';
import { SdistMetadataIndex } from './lib/sdist-metadata.js';
import { WindowedPackageIndex } from './lib/windowed-index.js';
import { corpusPath, readWorkloads } from './lib/workload.js';

const INDEX_URL = 'https://pypi.org/simple/';
// Respect PyPI: at most 8 metadata reads in flight (range reads of wheels, whole old sdists).
const CONCURRENCY = 8;
const cacheDir = join(process.env['THOTH_CACHE'] ?? join(homedir(), '.cache', 'thoth'), 'bench-capture');

const workloads = await readWorkloads(process.argv.slice(2));
for (const workload of workloads) {
  const started = performance.now();
  const http = new HttpPackageIndex({ indexUrls: [INDEX_URL], cacheDir, concurrency: CONCURRENCY });
  const { window, build } = workload.capture;
  const windowed =
    window === undefined ? http : new WindowedPackageIndex(http, window, workload.cutoff, build?.also ?? []);
  const index =
    build === undefined
      ? windowed
      : new SdistMetadataIndex(windowed, {
          build,
          pip: join(BENCH_VENV, 'bin', 'pip'),
          indexUrl: INDEX_URL,
          cacheDir: join(cacheDir, 'built'),
        });
  try {
    const corpus = await captureCorpus({
      requirements: workload.requirements,
      indexUrl: INDEX_URL,
      index,
      cutoff: workload.cutoff,
      versionScope: 'specifier',
      concurrency: CONCURRENCY,
    });
    await writeCorpus(corpus, corpusPath(workload));
    const releases = [...corpus.projects.values()].reduce((n, p) => n + p.releases.length, 0);
    console.log(
      `${workload.name}: ${corpus.projects.size} projects, ${releases} releases, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s -> ${corpusPath(workload)}` +
        (index instanceof SdistMetadataIndex ? ` (sdist metadata ${JSON.stringify(index.stats)})` : ''),
    );
  } finally {
    await http.close();
  }
}
