// Acceptance: pip (from $THOTH_PYTHON, the venv scripts/python-env.sh builds) resolves `requests<2.33`
// against the loopback index serving the corpus captured from PyPI, and every pin it reports exists in
// the corpus; pip can also install a stub wheel.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeName } from '../../python/name/index.js';
import { loadCorpus } from '../corpus/index.js';
import type { Corpus } from '../corpus/index.js';
import { serveCorpus } from './index.js';
import type { LoopbackIndex } from './index.js';

const run = promisify(execFile);
const FIXTURE = new URL('../__fixtures__/pypi-corpus-requests.jsonl.gz', import.meta.url).pathname;

function python(): string {
  const interpreter = process.env.THOTH_PYTHON;
  if (interpreter === undefined || interpreter === '') {
    throw new Error(
      'THOTH_PYTHON is not set: run `bash scripts/python-env.sh` and export THOTH_PYTHON=~/.cache/thoth/venv/bin/python (scripts/test.sh does both)',
    );
  }
  return interpreter;
}

let corpus: Corpus;
let server: LoopbackIndex;
let work: string;
beforeAll(async () => {
  corpus = await loadCorpus(FIXTURE);
  server = await serveCorpus(corpus);
  work = mkdtempSync(join(tmpdir(), 'thoth-pip-'));
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

// pip reads no user configuration and no cache, so the run depends on the corpus alone.
const pipEnv = {
  ...process.env,
  PIP_CONFIG_FILE: '/dev/null',
  PIP_NO_CACHE_DIR: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};

describe('pip against the loopback index', () => {
  it.each(['negotiated JSON', 'HTML'])(
    'resolves requests<2.33 with pins that exist in the corpus (%s)',
    async (mode) => {
      const target = mode === 'HTML' ? await serveCorpus(corpus, { format: 'html' }) : server;
      try {
        const report = join(work, `report-${mode.length}.json`);
        await run(
          python(),
          [
            '-m',
            'pip',
            'install',
            '--dry-run',
            '--ignore-installed',
            '--quiet',
            '--report',
            report,
            '--index-url',
            target.url,
            'requests<2.33',
          ],
          { env: pipEnv },
        );
        const installs = (
          JSON.parse(readFileSync(report, 'utf8')) as {
            install: { metadata: { name: string; version: string } }[];
          }
        ).install;
        const pins = Object.fromEntries(
          installs.map((i) => [canonicalizeName(i.metadata.name), i.metadata.version]),
        );
        expect(pins['requests']).toBe('2.32.3');
        expect(Object.keys(pins).sort()).toEqual([
          'certifi',
          'charset-normalizer',
          'idna',
          'requests',
          'urllib3',
        ]);
        for (const [name, version] of Object.entries(pins)) {
          const release = corpus.projects.get(name)?.releases.find((r) => r.version === version);
          expect(release?.metadata, `${name}==${version} in the corpus`).toBeDefined();
        }
        // pip used the PEP 658 files: metadata requests, no wheel downloaded for a dry run.
        expect(target.counters.metadata).toBeGreaterThanOrEqual(5);
        expect(target.counters.files).toBe(0);
      } finally {
        if (target !== server) await target.close();
      }
    },
  );

  it('installs a stub wheel (hash, RECORD and WHEEL pass pip checks)', async () => {
    const into = join(work, 'site');
    // --hash lives in a requirements file: pip checks the served bytes against the published digest.
    const requirements = join(work, 'requirements.txt');
    writeFileSync(requirements, `idna==3.10${await hashOption('idna', 'idna-3.10-py3-none-any.whl')}\n`);
    await run(
      python(),
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--no-deps',
        '--require-hashes',
        '--target',
        into,
        '--index-url',
        server.url,
        '-r',
        requirements,
      ],
      { env: pipEnv },
    );
    expect(existsSync(join(into, 'idna-3.10.dist-info', 'METADATA'))).toBe(true);
    expect(readdirSync(join(into, 'idna-3.10.dist-info')).sort()).toEqual([
      'INSTALLER',
      'METADATA',
      'RECORD',
      'REQUESTED',
      'WHEEL',
    ]);
  });
});

/** ` --hash=sha256:<digest>` of the file as the loopback index publishes it. */
async function hashOption(project: string, filename: string): Promise<string> {
  const response = await fetch(`${server.url}${project}/`, {
    headers: { accept: 'application/vnd.pypi.simple.v1+json' },
  });
  const page = (await response.json()) as { files: { filename: string; hashes: { sha256: string } }[] };
  return ` --hash=sha256:${page.files.find((f) => f.filename === filename)!.hashes.sha256}`;
}
