// Captures each workload's corpus from pypi.org (bench/corpora/<name>.jsonl.gz): the dependency
// closure of its roots under its cutoff, pruned by its environment's markers, only the versions some
// reachable requirement admits. Run: npx tsx bench/capture.ts [workload …]
import { performance } from 'node:perf_hooks';
import { captureCorpus, writeCorpus } from '../lib/index/index.js';
import { corpusPath, markerEnvironment, readWorkloads } from './lib/workload.js';

const workloads = await readWorkloads(process.argv.slice(2));
for (const workload of workloads) {
  const started = performance.now();
  const corpus = await captureCorpus({
    requirements: workload.requirements,
    indexUrl: 'https://pypi.org/simple/',
    cutoff: workload.cutoff,
    environments: [markerEnvironment(workload)],
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
