// Acceptance against pip on the jupyter workloads: pip (from $THOTH_PYTHON) resolves the workload's
// requirements with `pip install --dry-run --report` against the loopback index serving the corpus
// captured from PyPI (bench/corpora), and the solver's view of every pinned release must agree with
// pip's: the release exists and is installable in pip's environment, its dependency names are those
// of pip's metadata, and each dependency the solver marks active there (marker true, no extra or an
// extra pip was asked for) is pinned by pip at a version its specifier admits.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPackageIndex, loadCorpus, serveCorpus } from '../index/index.js';
import {
  canonicalizeName,
  parseRequirement,
  tryParseSpecifierSet,
  tryParseVersion,
} from '../python/index.js';
import { resolveEnvironments, solvePackage } from './index.js';

const run = promisify(execFile);
const corpusPath = (name: string): string =>
  new URL(`../../bench/corpora/${name}.jsonl.gz`, import.meta.url).pathname;

function python(): string {
  const interpreter = process.env.THOTH_PYTHON;
  if (interpreter === undefined || interpreter === '') {
    throw new Error(
      'THOTH_PYTHON is not set: run `bash scripts/python-env.sh` and export THOTH_PYTHON=~/.cache/thoth/venv/bin/python',
    );
  }
  return interpreter;
}

/**
 * The interpreter pip resolves for, as an absolute path (pip's --python wants one):
 * $THOTH_PIP_TARGET_PYTHON, else python3 (3.11 on the build machine).
 */
let target: string;
function targetPython(): string {
  return target;
}

interface ReportEntry {
  metadata: { name: string; version: string; requires_dist?: string[] };
  requested_extras?: string[];
}
interface PipReport {
  install: ReportEntry[];
  environment: Record<string, string>;
}

let work: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'thoth-pip-acceptance-'));
  const { stdout } = await run(process.env.THOTH_PIP_TARGET_PYTHON || 'python3', [
    '-c',
    'import sys; print(sys.executable)',
  ]);
  target = stdout.trim();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// `jupyter` (the metapackage's whole closure) is captured by the bench (bench/workloads/jupyter.yaml);
// `jupyter-small` is the kernel/client/nbconvert layer. A corpus not in the checkout is reported as skipped.
describe.each(['jupyter-small', 'jupyter'])('pip and the solver agree on the %s corpus', (name) => {
  it.skipIf(!existsSync(corpusPath(name)))(
    'every release pip pins is solved the same way',
    async () => {
      const corpus = await loadCorpus(corpusPath(name));
      const server = await serveCorpus(corpus);
      const index = new HttpPackageIndex({ indexUrls: [server.url] });
      try {
        const reportPath = join(work, `${name}.json`);
        await run(
          python(),
          [
            '-m',
            'pip',
            // pip from the test venv resolving for the workloads' interpreter (CPython 3.11, as the
            // corpora were captured for): markers and wheel tags are that interpreter's.
            '--python',
            targetPython(),
            'install',
            '--dry-run',
            '--ignore-installed',
            '--quiet',
            '--report',
            reportPath,
            '--index-url',
            server.url,
            ...corpus.header.requirements,
          ],
          {
            env: {
              ...process.env,
              PIP_CONFIG_FILE: '/dev/null',
              PIP_NO_CACHE_DIR: '1',
              PIP_DISABLE_PIP_VERSION_CHECK: '1',
            },
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        const report = JSON.parse(readFileSync(reportPath, 'utf8')) as PipReport;
        expect(report.environment['python_version'], 'the corpora are captured for CPython 3.11').toBe(
          '3.11',
        );
        const pins = new Map<string, ReportEntry>(
          report.install.map((e) => [canonicalizeName(e.metadata.name), e]),
        );
        expect(pins.size).toBeGreaterThan(10);

        // pip's own interpreter as a solver environment: its marker values taken verbatim.
        const environment = report.environment;
        const [target] = resolveEnvironments([
          {
            id: 'pip',
            python: environment['python_full_version']!,
            platform: 'manylinux_2_36_x86_64',
            markerEnvironment: environment,
          },
        ]);
        const extrasAsked = new Map<string, Set<string>>();
        for (const requirement of corpus.header.requirements) {
          const parsed = parseRequirement(requirement);
          extrasAsked.set(
            canonicalizeName(parsed.name),
            new Set(parsed.extras.map((e) => canonicalizeName(e))),
          );
        }
        for (const entry of report.install) {
          const asked = extrasAsked.get(canonicalizeName(entry.metadata.name)) ?? new Set<string>();
          for (const extra of entry.requested_extras ?? []) asked.add(canonicalizeName(extra));
          extrasAsked.set(canonicalizeName(entry.metadata.name), asked);
        }

        const problems: string[] = [];
        for (const [pinName, entry] of pins) {
          const outcome = await solvePackage(
            {
              packageName: pinName,
              selection: { kind: 'versions', versions: [entry.metadata.version] },
              environments: [target!],
            },
            { index, dependencyIndex: index, concurrency: 4 },
          );
          const release = outcome.result.releases[0];
          if (release === undefined) {
            problems.push(
              `${pinName}==${entry.metadata.version}: not solved (${outcome.result.errors.map((e) => e.code).join(', ')})`,
            );
            continue;
          }
          if (release.installability['pip']?.installable !== true)
            problems.push(`${pinName}==${release.version}: not installable for pip's interpreter`);
          const pipNames = new Set(
            (entry.metadata.requires_dist ?? []).map((line) => canonicalizeName(parseRequirement(line).name)),
          );
          const ourNames = new Set(release.dependencies.map((d) => d.name));
          if ([...pipNames].sort().join() !== [...ourNames].sort().join())
            problems.push(
              `${pinName}: dependencies ${[...ourNames].sort().join()} vs pip's ${[...pipNames].sort().join()}`,
            );
          const asked = extrasAsked.get(pinName) ?? new Set<string>();
          for (const dependency of release.dependencies) {
            const active =
              dependency.marker_results['pip'] === true &&
              (dependency.extra === null || asked.has(dependency.extra));
            if (!active) continue;
            const pinned = pins.get(dependency.name);
            const version = pinned === undefined ? undefined : tryParseVersion(pinned.metadata.version);
            const specifier = tryParseSpecifierSet(dependency.specifier);
            if (
              pinned === undefined ||
              version === undefined ||
              specifier?.contains(version, { prereleases: true }) !== true
            )
              problems.push(
                `${pinName} needs ${dependency.name}${dependency.specifier}; pip pinned ${pinned?.metadata.version ?? 'nothing'}`,
              );
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await index.close();
        await server.close();
      }
    },
    600_000,
  );
});
