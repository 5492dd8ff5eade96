import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../lib/contracts/index.js';
import { serveCorpus } from '../lib/index/index.js';
import type { Corpus, LoopbackIndex } from '../lib/index/index.js';
import { openDocuments, readRuntimeConfig } from '../lib/runtime/index.js';
import { loadRequestsCorpus } from '../lib/solver/__fixtures__/corpora.js';
import { stepIo, thothHome } from './__fixtures__/step-io.js';
import type { TestStepIo } from './__fixtures__/step-io.js';
import { parseSolveArgs, runSolve, SOLVE_OUTPUTS } from './solve.js';

let requests: Corpus;
const servers: LoopbackIndex[] = [];
beforeAll(async () => {
  requests = await loadRequestsCorpus();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: Parameters<typeof serveCorpus>[1] = {}): Promise<LoopbackIndex> {
  const server = await serveCorpus(requests, options);
  servers.push(server);
  return server;
}

const ENV = 'id=linux-py311,python=3.11.7,platform=manylinux_2_34_x86_64';

/** Run the step; returns its exit code, its stderr lines and its outputs. */
async function run(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stderr: string[]; out: TestStepIo }> {
  const io = await stepIo();
  const stderr: string[] = [];
  const code = await runSolve(
    argv,
    io,
    { ...(await thothHome()).env, ...env },
    { stderr: (line) => stderr.push(line) },
  );
  return { code, stderr, out: io };
}

describe('solve arguments', () => {
  it.each([
    [
      ['--index-url', 'https://pypi.org/simple', '--newest', '1', '--environment', ENV],
      '--package-name is required',
    ],
    [
      ['--package-name', 'six', '--index-url', 'https://pypi.org/simple', '--environment', ENV],
      'exactly one of --package-version',
    ],
    [
      [
        '--package-name',
        'six',
        '--package-version',
        '1.0',
        '--newest',
        '2',
        '--index-url',
        'https://pypi.org/simple',
        '--environment',
        ENV,
      ],
      'exactly one of',
    ],
    [
      [
        '--package-name',
        'six',
        '--newest',
        '0',
        '--index-url',
        'https://pypi.org/simple',
        '--environment',
        ENV,
      ],
      '--newest "0" must be a positive integer',
    ],
    [['--package-name', 'six', '--newest', '1', '--environment', ENV], '--index-url is required'],
    [
      ['--package-name', 'six', '--newest', '1', '--index-url', 'ftp://x/simple', '--environment', ENV],
      'must be http or https',
    ],
    [
      ['--package-name', 'six', '--newest', '1', '--index-url', 'https://pypi.org/simple'],
      'give --environment, --environment-file or --python-version',
    ],
    [
      [
        '--package-name',
        'six',
        '--newest',
        '1',
        '--index-url',
        'https://pypi.org/simple',
        '--python-version',
        '3.11',
        '--no-transitive=maybe',
      ],
      '--no-transitive="maybe" must be true or false',
    ],
    [
      [
        '--package-name',
        'six',
        '--newest',
        '1',
        '--index-url',
        'https://pypi.org/simple',
        '--python-version',
        '3.11',
        '--max-packages',
        '5',
      ],
      '--dependency-releases and --max-packages need --no-transitive=false',
    ],
    [
      [
        '--package-name',
        'six',
        '--newest',
        '1',
        '--index-url',
        'https://pypi.org/simple',
        '--python-version',
        '3.11',
        '--build-timeout',
        '5',
      ],
      '--build-python, --build-wheelhouse and --build-timeout need --build-sdists',
    ],
    [
      [
        '--package-name',
        'six',
        '--newest',
        '1',
        '--index-url',
        'https://pypi.org/simple',
        '--python-version',
        '3',
      ],
      '--python-version "3" must be major.minor',
    ],
    [
      [
        '--package-name=six',
        '--newest=1',
        '--index-url=https://pypi.org/simple',
        '--python-version=3.11',
        '--environment=id=ubi-9-py312,python=3.12,platform=manylinux_2_34_x86_64',
      ],
      '--environment "ubi-9-py312" is Python 3.12, but --python-version 3.11 selects the solver image',
    ],
    [
      [
        '--package-name=six',
        '--newest=1',
        '--index-url=https://pypi.org/simple',
        '--python-version=3.11',
        '--environment-file=/tmp/inputs/environments.json',
      ],
      'do not combine it with --environment-file',
    ],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j is refused with a one-line reason', (argv, message) => {
    expect(() => parseSolveArgs(argv)).toThrow(message);
  });

  it('accepts the workflow template flags (python version, no-transitive, document id)', () => {
    const options = parseSolveArgs([
      '--package-name=flask',
      '--package-version=2.0.1',
      '--index-url=https://pypi.org/simple',
      '--python-version=3.11',
      '--no-transitive=true',
      '--document-id=solver-abc',
    ]);
    expect(options).toMatchObject({
      packageName: 'flask',
      selection: { kind: 'versions', versions: ['2.0.1'] },
      documentId: 'solver-abc',
      environments: [
        {
          // The adviser's id for a request naming only Python 3.11 (lib/learning learningTarget).
          id: 'cpython-3.11.0-manylinux_2_34_x86_64',
          python: '3.11.0',
          platform: 'manylinux_2_34_x86_64',
          osName: 'rhel',
          osVersion: '9',
        },
      ],
    });
  });

  // thoth-solve passes `--environment={{inputs.parameters.environment}}` on every run.
  const TEMPLATE_FLAGS = [
    '--package-name=flask',
    '--package-version=2.0.1',
    '--index-url=https://pypi.org/simple',
    '--python-version=3.11',
  ];

  it('an empty --environment (the parameter left unset) derives the environment from --python-version', () => {
    const options = parseSolveArgs([...TEMPLATE_FLAGS, '--environment=']);
    expect(options).toMatchObject({ environments: [{ id: 'cpython-3.11.0-manylinux_2_34_x86_64' }] });
  });

  it('a given --environment is solved for, under its own id; --python-version only names the image', () => {
    const options = parseSolveArgs([
      ...TEMPLATE_FLAGS,
      '--environment=id=ubi-9-py311,python=3.11,platform=manylinux_2_34_x86_64,os=rhel,os_version=9',
    ]);
    expect(options).toMatchObject({
      environments: [
        {
          id: 'ubi-9-py311',
          python: '3.11',
          platform: 'manylinux_2_34_x86_64',
          osName: 'rhel',
          osVersion: '9',
        },
      ],
    });
    expect(options === 'help' ? [] : options.environments).toHaveLength(1);
  });
});

describe('solve step', () => {
  it('writes a valid document, document_id and solved; --store also puts it in the document store', async () => {
    const server = await serve();
    const { home } = await thothHome();
    const envFile = join(home, 'environments.json');
    await writeFile(
      envFile,
      JSON.stringify({
        environments: [{ id: 'linux-py38', python: '3.8.18', platform: 'manylinux_2_17_x86_64' }],
      }),
    );
    const argv = [
      '--package-name',
      'requests',
      '--package-version',
      '2.31.0',
      '--package-version',
      '2.32.3',
      '--index-url',
      server.url,
      '--environment',
      ENV,
      '--environment-file',
      envFile,
      '--store',
      '--index-retries',
      '0',
    ];
    const result = await run(argv, { THOTH_HOME: home });
    expect(result).toMatchObject({ code: 0, stderr: [] });
    const document = parseDocument('solver', await result.out.outputJson(SOLVE_OUTPUTS.document));
    const documentId = await result.out.output(SOLVE_OUTPUTS.documentId);
    expect(documentId).toMatch(/^solver-[0-9a-f]{16}$/);
    expect(await result.out.output(SOLVE_OUTPUTS.solved)).toBe('2');
    expect(document.metadata).toMatchObject({
      analyzer: 'thoth-solver',
      schema_version: 1,
      document_id: documentId,
      arguments: {
        package_name: 'requests',
        package_versions: ['2.31.0', '2.32.3'],
        index_url: server.url.replace(/\/$/, ''),
        environments: ['linux-py311', 'linux-py38'],
      },
      environment: { deployment: 'thoth-local' },
    });
    expect(
      document.result.releases.map((r) => [r.version, r.installability['linux-py38']!.installable]),
    ).toEqual([
      ['2.31.0', true],
      ['2.32.3', true],
    ]);
    // One SolvedPackage per release and environment, for the workflow's emit task.
    const messages = await result.out.outputJson<
      {
        type: string;
        key: string;
        payload: { environment: { id: string }; document_id: string; verdict: { installable: boolean } };
      }[]
    >(SOLVE_OUTPUTS.messages);
    expect(
      messages.map((m) => [m.type, m.key, m.payload.environment.id, m.payload.verdict.installable]),
    ).toEqual(
      ['2.31.0', '2.32.3'].flatMap((v) =>
        ['linux-py311', 'linux-py38'].map((env) => ['SolvedPackage', `pypi:requests:${v}`, env, true]),
      ),
    );
    expect(new Set(messages.map((m) => m.payload.document_id))).toEqual(new Set([documentId]));
    const stored = await openDocuments(readRuntimeConfig({ THOTH_HOME: home })).getDocument(
      'solver',
      documentId,
    );
    expect(stored).toEqual(document);

    // The same request gives the same document id (deterministic workflow name).
    const again = await run(argv, { THOTH_HOME: home });
    expect(await again.out.output(SOLVE_OUTPUTS.documentId)).toBe(documentId);
  });

  it('an --environment-file entry replaces the --environment of the same id (the file says more)', async () => {
    // The local engine's solver image passes the machine's environment as a file, while thoth-solve
    // passes the investigator's --environment under the same id (lib/runtime localSolverImage).
    const server = await serve();
    const { home } = await thothHome();
    const envFile = join(home, 'environment.json');
    await writeFile(
      envFile,
      JSON.stringify({
        id: 'site-py',
        python: '3.8.18',
        platform: 'manylinux_2_17_x86_64',
        os_name: 'debian',
      }),
    );
    const result = await run([
      '--package-name=requests',
      '--package-version=2.31.0',
      `--index-url=${server.url}`,
      '--environment=id=site-py,python=3.11,platform=manylinux_2_34_x86_64,os=rhel,os_version=9',
      `--environment-file=${envFile}`,
      '--index-retries=0',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: [] });
    const document = parseDocument('solver', await result.out.outputJson(SOLVE_OUTPUTS.document));
    expect(document.result.environments.map((e) => e.identity)).toEqual([
      expect.objectContaining({ id: 'site-py', os_name: 'debian', python_version: '3.8' }),
    ]);
  });

  it('--no-transitive=false solves the dependencies too, into one document with its own id', async () => {
    const server = await serve();
    const argv = [
      '--package-name',
      'requests',
      '--package-version',
      '2.32.3',
      '--index-url',
      server.url,
      '--environment',
      ENV,
    ];
    const transitive = await run([...argv, '--no-transitive=false', '--max-packages', '4']);
    expect(transitive).toMatchObject({ code: 0, stderr: [] });
    const document = parseDocument('solver', await transitive.out.outputJson(SOLVE_OUTPUTS.document));
    expect(document.result.releases.map((r) => `${r.name}==${r.version}`)).toEqual([
      'requests==2.32.3',
      'certifi==2024.12.14',
      'charset-normalizer==3.4.1',
      'idna==3.10',
    ]);
    expect(document.metadata.arguments).toMatchObject({
      no_transitive: false,
      dependency_releases: 1,
      max_packages: 4,
    });
    expect(await transitive.out.output(SOLVE_OUTPUTS.solved)).toBe('4');
    // A transitive run is another request than the package alone: another document id.
    const alone = await run([...argv, '--no-transitive=true']);
    expect(await alone.out.output(SOLVE_OUTPUTS.documentId)).not.toBe(
      await transitive.out.output(SOLVE_OUTPUTS.documentId),
    );
  });

  it('--build-sdists without an interpreter exits 2 naming the flag and the variable', async () => {
    const server = await serve();
    const result = await run([
      '--package-name',
      'requests',
      '--newest',
      '1',
      '--index-url',
      server.url,
      '--environment',
      ENV,
      '--build-sdists',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([
      'solve: --build-sdists needs --build-python PATH or THOTH_SOLVER_BUILD_PYTHON [bad-input]',
    ]);
  });

  it('an unknown package exits 0 with a package-not-found entry and solved 0', async () => {
    const server = await serve();
    const result = await run([
      '--package-name',
      'nope',
      '--newest',
      '1',
      '--index-url',
      server.url,
      '--environment',
      ENV,
    ]);
    expect(result.code).toBe(0);
    expect(await result.out.output(SOLVE_OUTPUTS.solved)).toBe('0');
    const document = await result.out.outputJson<{ result: { unresolved: { reason: string }[] } }>(
      SOLVE_OUTPUTS.document,
    );
    expect(document.result.unresolved.map((u) => u.reason)).toEqual(['package-not-found']);
  });

  it('an index answering 503 persistently exits 75 (retriable) with one stderr line and no document', async () => {
    const server = await serve({ faults: { unavailableFirst: 1_000_000 } });
    const result = await run([
      '--package-name',
      'requests',
      '--newest',
      '1',
      '--index-url',
      server.url,
      '--environment',
      ENV,
      '--index-retries',
      '0',
    ]);
    expect(result.code).toBe(75);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^solve: .*503.*\[host-unavailable\]$/);
    expect(existsSync(join(result.out.outputsDir, SOLVE_OUTPUTS.document))).toBe(false);
    expect(existsSync(join(result.out.outputsDir, SOLVE_OUTPUTS.documentId))).toBe(false);
  });

  it.each([
    [
      ['--package-name', 'requests', '--newest', '1', '--index-url', 'https://pypi.org/simple'],
      'give --environment',
    ],
    [
      [
        '--package-name',
        'requests',
        '--newest',
        '1',
        '--index-url',
        'https://pypi.org/simple',
        '--environment',
        'id=a,python=3.11,platform=beos',
      ],
      'platform "beos" is not a platform tag',
    ],
    [
      [
        '--package-name',
        'requests',
        '--newest',
        '1',
        '--index-url',
        'https://pypi.org/simple',
        '--environment-file',
        '/nonexistent/env.json',
      ],
      'cannot read --environment-file /nonexistent/env.json',
    ],
    [
      [
        '--package-name',
        'requests',
        '--version-specifier',
        '>=>2',
        '--index-url',
        'https://pypi.org/simple',
        '--environment',
        ENV,
      ],
      'version specifier ">=>2" is not valid PEP 440',
    ],
  ])('bad input %j exits 2 with one stderr line', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toContain(message);
  });
});
