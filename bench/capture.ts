// Captures each workload's corpus from pypi.org (bench/corpora/<name>.jsonl.gz): the dependency
// closure of its roots under its cutoff, only the versions some reachable requirement admits. Markers
// are not used to prune: poetry and pdm lock for every platform and need the Windows/macOS-only
// dependencies (colorama, appnope, …) too. Run: npx tsx bench/capture.ts [workload …]
import { performance } from 'node:perf_hooks';
import { captureCorpus, writeCorpus } from '../lib/index/index.js';
import { corpusPath, readWorkloads } from './lib/workload.js';

const workloads = await readWorkloads(process.argv.slice(2));
for (const workload of workloads) {
  const started = performance.now();
  const corpus = await captureCorpus({
    requirements: workload.requirements,
    indexUrl: 'https://pypi.org/simple/',
    cutoff: workload.cutoff,
    versionScope: 'specifier',
    concurrency: 16,
  });
  await writeCorpus(corpus, corpusPath(workload));
  const releases = [...corpus.projects.values()].reduce((n, p) => n + p.releases.length, 0);
  console.log(
    `${workload.name}: ${corpus.projects.size} projects, ${releases} releases, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s -> ${corpusPath(workload)}`,
  );
}
