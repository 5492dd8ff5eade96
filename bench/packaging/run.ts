// Throughput of lib/python's PEP 440 code next to Python's packaging on the same real strings
// (the recorded PyPI fixture of the differential tests): parse, sort, requires-python membership and
// filter. Prints seconds per pass for each side and the speed-up. Needs THOTH_PYTHON (see
// scripts/python-env.sh). Run: `tsx bench/packaging/run.ts`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSpecifierSet } from '../../lib/python/specifier/index.js';
import type { SpecifierSet } from '../../lib/python/specifier/index.js';
import {
  clearVersionCache,
  compareParsedVersions,
  parseVersionUncached,
  tryParseVersion,
} from '../../lib/python/version/index.js';
import type { Version } from '../../lib/python/version/index.js';

interface Fixture {
  projects: Record<string, { versions: string[]; filename_versions: string[] }>;
  requires_python: string[];
}
const fixture = JSON.parse(
  readFileSync(
    new URL('../../test/unit/packaging-diff/__fixtures__/pypi-simple-versions.json', import.meta.url),
    'utf8',
  ),
) as Fixture;

const projects = Object.values(fixture.projects);
const strings = projects.flatMap((p) => [...p.versions, ...p.filename_versions]);
const projectVersions = projects.map((p) => p.versions.filter((v) => tryParseVersion(v) !== undefined));
const requiresPython = fixture.requires_python.filter((s) => {
  try {
    parseSpecifierSet(s);
    return true;
  } catch {
    return false;
  }
});
const pythons = ['2.7', '3.6', '3.8', '3.9', '3.10', '3.11', '3.12', '3.12.1', '3.13', '3.13.0rc1', '3.14'];
const filters: [string, string[]][] = projectVersions
  .filter((p) => p.length > 2)
  .map((p) => [`>=${p[Math.floor(p.length / 2)]!},!=${p[Math.floor(p.length / 3)]!}`, p]);

// Seconds per pass: the best of five timings of `passes` passes (like timeit.repeat).
function best(fn: () => void, passes: number): number {
  fn(); // warm-up: JIT compilation happens here, not in the timed runs
  let min = Infinity;
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < passes; i++) fn();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e9 / passes);
  }
  return min;
}

const parsedProjects: Version[][] = projectVersions.map((p) => p.map((v) => tryParseVersion(v)!));
const sets: SpecifierSet[] = requiresPython.map((s) => parseSpecifierSet(s));
const filterSets: [SpecifierSet, string[]][] = filters.map(([s, v]) => [parseSpecifierSet(s), v]);

const ours = {
  parse: best(() => {
    for (const s of strings) parseVersionUncached(s);
  }, 10),
  parseMemo: best(() => {
    for (const s of strings) tryParseVersion(s);
  }, 10),
  sort: best(() => {
    for (const p of parsedProjects) [...p].sort(compareParsedVersions);
  }, 10),
  contains: best(() => {
    for (const ss of sets) for (const py of pythons) ss.contains(py);
  }, 10),
  filter: best(() => {
    for (const [ss, versions] of filterSets) ss.filter(versions);
  }, 10),
};
clearVersionCache();

const python = process.env.THOTH_PYTHON;
if (python === undefined || python === '') throw new Error('set THOTH_PYTHON (bash scripts/python-env.sh)');
const script = fileURLToPath(new URL('./bench_packaging.py', import.meta.url));
const run = spawnSync(python, [script], {
  input: JSON.stringify({
    strings,
    projects: projectVersions,
    requires_python: requiresPython,
    pythons,
    filters,
  }),
  encoding: 'utf8',
  maxBuffer: 1 << 26,
});
if (run.status !== 0) throw new Error(`bench_packaging.py failed: ${run.stderr}`);
const theirs = JSON.parse(run.stdout) as Record<'parse' | 'sort' | 'contains' | 'filter', number> & {
  packaging: string;
  python: string;
};

const ms = (s: number): string => (s * 1000).toFixed(2).padStart(9);
const rows: [string, string, number, number][] = [
  [`parse ${strings.length} strings`, 'parse', ours.parse, theirs.parse],
  [`  … memoized (repeat lookups)`, 'parse', ours.parseMemo, theirs.parse],
  [`sort ${projectVersions.length} projects' releases`, 'sort', ours.sort, theirs.sort],
  [`contains ${sets.length} requires-python × ${pythons.length}`, 'contains', ours.contains, theirs.contains],
  [`filter ${filterSets.length} projects' releases`, 'filter', ours.filter, theirs.filter],
];
console.log(
  `Node ${process.version} vs packaging ${theirs.packaging} on Python ${theirs.python}; ms per pass, best of 5`,
);
console.log(`${'workload'.padEnd(44)}${'ours'.padStart(9)}${'packaging'.padStart(11)}  speed-up`);
for (const [label, , mine, py] of rows) {
  console.log(`${label.padEnd(44)}${ms(mine)}${ms(py).padStart(11)}  ${(py / mine).toFixed(1).padStart(6)}×`);
}
