// The correctness gate judged on real locks: uv (targeting CPython 3.11.7) and pip (resolving for its
// own interpreter) resolve the committed boto3-urllib3 corpus from the loopback index; the gate must
// accept both locks, and must refuse the same locks once a pin breaks a dependency edge, a root, the
// environment's Python or the corpus, whoever produced them. Needs $THOTH_PYTHON (the test venv of
// scripts/python-env.sh, which carries pip and uv); integration project because it runs them.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { Corpus, LoopbackIndex } from '../../lib/index/index.js';
import type { MarkerEnvironment } from '../../lib/python/index.js';
import { canonicalizeName } from '../../lib/python/index.js';
import { checkLock } from './gate.js';
import type { Lock } from './gate.js';
import { pinsFromRequirementsTxt } from './peers.js';
import { markerEnvironment, readWorkloads } from './workload.js';
import type { Workload } from './workload.js';

const run = promisify(execFile);

function python(): string {
  const interpreter = process.env['THOTH_PYTHON'];
  if (interpreter === undefined || interpreter === '')
    throw new Error(
      'THOTH_PYTHON is not set: run `bash scripts/python-env.sh` and export THOTH_PYTHON=~/.cache/thoth/venv/bin/python',
    );
  return interpreter;
}

const quiet = {
  ...process.env,
  PIP_CONFIG_FILE: '/dev/null',
  PIP_NO_CACHE_DIR: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  UV_NO_CACHE: '1',
  UV_NO_CONFIG: '1',
};

let workload: Workload;
let corpus: Corpus;
let server: LoopbackIndex;
let work: string;
let env311: MarkerEnvironment;
let uvLock: Lock;

beforeAll(async () => {
  [workload] = (await readWorkloads(['boto3-urllib3'])) as [Workload];
  corpus = await loadCorpus(new URL('../corpora/boto3-urllib3.jsonl.gz', import.meta.url).pathname);
  server = await serveCorpus(corpus, { port: 0 });
  work = mkdtempSync(join(tmpdir(), 'thoth-gate-'));
  env311 = markerEnvironment(workload) as unknown as MarkerEnvironment;
  const input = join(work, 'requirements.in');
  writeFileSync(input, workload.requirements.join('\n') + '\n');
  const output = join(work, 'uv.txt');
  await run(
    join(dirname(python()), 'uv'),
    [
      'pip',
      'compile',
      input,
      '--index-url',
      server.url,
      '--python-version',
      workload.environment.python,
      '--python-platform',
      'x86_64-manylinux_2_28',
      '--quiet',
      '-o',
      output,
    ],
    { env: quiet },
  );
  uvLock = pinsFromRequirementsTxt(readFileSync(output, 'utf8'));
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const edit = (lock: Lock, changes: Record<string, string | null>): Lock => {
  const out = new Map(lock);
  for (const [name, version] of Object.entries(changes))
    if (version === null) out.delete(name);
    else out.set(name, version);
  return out;
};

describe('the correctness gate on real locks', () => {
  it("accepts uv's lock (the backtracked boto3 line, an old urllib3)", () => {
    const verdict = checkLock(corpus, workload.requirements, env311, uvLock);
    expect(verdict.problems).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(uvLock.get('urllib3')).toMatch(/^1\.(2[0-5]|1\d)\./);
    expect(verdict.pins).toBe(uvLock.size);
  });

  it("accepts pip's lock for pip's own interpreter", async () => {
    const report = join(work, 'pip-report.json');
    await run(
      python(),
      ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--quiet', '--only-binary', ':all:'].concat(
        ['--index-url', server.url, '--report', report, ...workload.requirements],
      ),
      { env: quiet },
    );
    const { stdout } = await run(python(), ['-c', 'import platform; print(platform.python_version())']);
    const own = { ...workload, environment: { ...workload.environment, python: stdout.trim() } };
    const installs = (
      JSON.parse(readFileSync(report, 'utf8')) as {
        install: { metadata: { name: string; version: string } }[];
      }
    ).install;
    const pipLock = new Map(installs.map((i) => [canonicalizeName(i.metadata.name), i.metadata.version]));
    const verdict = checkLock(
      corpus,
      workload.requirements,
      markerEnvironment(own) as unknown as MarkerEnvironment,
      pipLock,
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict.valid).toBe(true);
  });

  it.each<{ why: string; changes: Record<string, string | null>; problem: RegExp }>([
    {
      why: 'a pin outside an edge (botocore newer than boto3 allows)',
      changes: { botocore: '1.19.63' },
      problem: /^boto3 requires botocore.*but botocore==1\.19\.63 is pinned$/,
    },
    {
      why: 'a pin outside a root (urllib3>=1.25.4)',
      changes: { urllib3: '1.26.2' },
      problem: /^<root> requires urllib3<1\.25\.4, but urllib3==1\.26\.2 is pinned$/,
    },
    {
      why: 'a pin whose Requires-Python excludes 3.11.7 (futures 3.3.0: >=2.6, <3)',
      changes: { futures: '3.3.0' },
      problem: /^futures==3\.3\.0 requires Python >=2\.6, <3, environment has 3\.11\.7$/,
    },
    {
      why: 'a dependency left unpinned',
      changes: { jmespath: null },
      problem: /requires jmespath.*which is not pinned$/,
    },
    {
      why: 'a version the corpus does not have',
      changes: { s3transfer: '9.9.9' },
      problem: /^s3transfer==9\.9\.9 is not a release in the corpus$/,
    },
  ])('refuses the same lock with $why', ({ changes, problem }) => {
    const verdict = checkLock(corpus, workload.requirements, env311, edit(uvLock, changes));
    expect(verdict.valid).toBe(false);
    expect(verdict.problems.some((p) => problem.test(p))).toBe(true);
  });

  it('follows markers: a Python-2-only dependency needs no pin on 3.11', () => {
    // s3transfer depends on futures only under python_version == "2.7"; uv's lock omits it.
    expect(uvLock.has('futures')).toBe(false);
    expect(checkLock(corpus, workload.requirements, env311, uvLock).valid).toBe(true);
  });
});
