// The tools the benchmark runs, as commands over a work directory: Thoth through the library
// (bench/thoth/driver.ts), the real `thoth advise` command (bench/thoth/cli.ts) and the peers installed
// from PyPI into the bench venv. Each tool writes its lock into the work
// directory; `readLock` turns it into name → version pins for the gate. Caches live under
// XDG_CACHE_HOME=<work>/cache (pip, pip-tools, uv, poetry and pdm all honour it): a cold run wipes
// it, a warm run keeps what the warm-up left.
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { canonicalizeName } from '../../lib/python/index.js';
import {
  ADVISE_LOCK,
  ADVISE_JSON,
  ADVISE_STDERR,
  ADVISE_WRAPPER,
  learningSummary,
  readAdviseLock,
  refreshBundle,
  THOTH_BIN,
  writeAdviseInputs,
} from '../thoth/cli.js';
import type { Workload } from './workload.js';

export const BENCH_VENV = join(
  process.env['THOTH_CACHE'] ?? join(homedir(), '.cache', 'thoth'),
  'bench-venv',
);
const bin = (name: string): string => join(BENCH_VENV, 'bin', name);

export interface RunContext {
  workload: Workload;
  indexUrl: string;
  /** The tool's own directory for this workload (inputs, outputs, cache, graph). */
  work: string;
  mode: 'cold' | 'warm';
}

export interface Invocation {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface Tool {
  name: string;
  /** 'single' resolves for the workload's one environment; 'universal' locks for every platform. */
  scope: 'single' | 'universal';
  /**
   * Resolves only for the interpreter it runs on (the bench venv's): skipped for a workload whose
   * environment names another Python.
   */
  interpreterBound?: boolean;
  versionCommand: string[];
  /** Writes inputs into ctx.work and returns the command to time. */
  prepare(ctx: RunContext): Promise<Invocation>;
  readLock(ctx: RunContext): Promise<Map<string, string>>;
  /** Paths under ctx.work a cold run removes before each run. */
  coldPaths: string[];
  /** Outputs removed before every run, so a warm run resolves again rather than reusing its lock. */
  outputs: string[];
}

const cacheEnv = (ctx: RunContext): Record<string, string> => ({ XDG_CACHE_HOME: join(ctx.work, 'cache') });

async function writeRequirementsIn(ctx: RunContext): Promise<string> {
  const path = join(ctx.work, 'requirements.in');
  await writeFile(path, ctx.workload.requirements.join('\n') + '\n');
  return path;
}

/** `name==version` lines of a requirements.txt (comments, options and hashes ignored). */
export function pinsFromRequirementsTxt(text: string): Map<string, string> {
  const pins = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').replace(/\\$/, '').trim();
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;]+)/.exec(line);
    if (match !== null) pins.set(canonicalizeName(match[1]!), match[3]!);
  }
  return pins;
}

const pyVersion = (w: Workload): string => w.environment.python;

export const THOTH: Tool = {
  name: 'thoth',
  scope: 'single',
  versionCommand: ['node', '-p', "require('./package.json').version"],
  coldPaths: ['graph'],
  outputs: ['thoth.json'],
  // `--import tsx` resolves from the working directory: run from the repository.
  prepare: async (ctx) => ({
    cwd: new URL('../../', import.meta.url).pathname,
    argv: [
      process.execPath,
      '--import',
      'tsx',
      new URL('../thoth/driver.ts', import.meta.url).pathname,
      '--workload',
      ctx.workload.name,
      '--index',
      ctx.indexUrl,
      '--graph',
      join(ctx.work, 'graph'),
      '--mode',
      ctx.mode,
      '--out',
      join(ctx.work, 'thoth.json'),
    ],
  }),
  readLock: async (ctx) => {
    const out = JSON.parse(await readFile(join(ctx.work, 'thoth.json'), 'utf8')) as {
      pins: Record<string, string> | null;
    };
    return new Map(Object.entries(out.pins ?? {}));
  },
};

/**
 * `thoth advise` as a user runs it (node bin/thoth.mjs, the bundled CLI), learning lazily: cold is a
 * fresh THOTH_HOME (embedded graph, artifacts, workflow state), warm the same THOTH_HOME again. The
 * environment comes from the run directory's .thoth.yaml (bench/thoth/cli.ts says why not
 * --python-version). The default --max-rounds (20) is kept: that is what a user gets.
 */
export const THOTH_CLI: Tool = {
  name: 'thoth advise (cli)',
  scope: 'single',
  versionCommand: [process.execPath, THOTH_BIN, '--version'],
  coldPaths: ['home'],
  outputs: [ADVISE_JSON, ADVISE_STDERR, ADVISE_LOCK],
  prepare: async (ctx) => {
    refreshBundle();
    const home = join(ctx.work, 'home');
    return {
      cwd: ctx.work,
      argv: [
        '/bin/sh',
        '-c',
        ADVISE_WRAPPER,
        'sh',
        process.execPath,
        THOTH_BIN,
        'advise',
        await writeAdviseInputs(ctx.workload, ctx.work),
        '--index-url',
        ctx.indexUrl,
        '--recommendation-type',
        'latest',
        '--json',
      ],
      // The embedded defaults under THOTH_HOME, whatever the caller's shell points at.
      env: {
        THOTH_HOME: home,
        THOTH_GRAPH_URL: '',
        THOTH_ARTIFACTS_URL: '',
        THOTH_WORKFLOW_STATE_DIR: join(home, 'workflows'),
      },
    };
  },
  readLock: async (ctx) => {
    const s = await learningSummary(ctx.work, join(ctx.work, 'home'));
    console.log(
      `  thoth advise (cli) ${ctx.workload.name} ${ctx.mode}: ${s.rounds} learning rounds, ` +
        `${s.asked} packages asked (at most ${s.maxAskedPerRound} per round), ` +
        `${s.solveWorkflows} solve workflows in THOTH_HOME, ${s.resolverIterations} resolver iterations, ` +
        `${s.seconds.toFixed(2)} s by its own clock`,
    );
    return readAdviseLock(ctx.work);
  },
};

export const UV: Tool = {
  name: 'uv pip compile',
  scope: 'single',
  versionCommand: [bin('uv'), '--version'],
  coldPaths: ['cache'],
  outputs: ['uv.txt'],
  prepare: async (ctx) => ({
    argv: [
      bin('uv'),
      'pip',
      'compile',
      await writeRequirementsIn(ctx),
      '--index-url',
      ctx.indexUrl,
      '--python-version',
      pyVersion(ctx.workload),
      '--python-platform',
      'x86_64-manylinux_2_28',
      '--no-header',
      '--quiet',
      '-o',
      join(ctx.work, 'uv.txt'),
    ],
    env: cacheEnv(ctx),
  }),
  readLock: async (ctx) => pinsFromRequirementsTxt(await readFile(join(ctx.work, 'uv.txt'), 'utf8')),
};

export const PIP: Tool = {
  name: 'pip --dry-run --report',
  scope: 'single',
  interpreterBound: true,
  versionCommand: [bin('pip'), '--version'],
  coldPaths: ['cache'],
  outputs: ['pip-report.json'],
  prepare: async (ctx) => ({
    // The bench venv's interpreter is the workload's Python (3.11.7 on Linux x86_64), so pip runs natively.
    argv: [
      bin('pip'),
      'install',
      '--dry-run',
      '--ignore-installed',
      '--quiet',
      '--disable-pip-version-check',
      '--only-binary',
      ':all:',
      '--index-url',
      ctx.indexUrl,
      '--report',
      join(ctx.work, 'pip-report.json'),
      '-r',
      await writeRequirementsIn(ctx),
    ],
    env: cacheEnv(ctx),
  }),
  readLock: async (ctx) => {
    const report = JSON.parse(await readFile(join(ctx.work, 'pip-report.json'), 'utf8')) as {
      install: { metadata: { name: string; version: string } }[];
    };
    return new Map(report.install.map((i) => [canonicalizeName(i.metadata.name), i.metadata.version]));
  },
};

export const PIP_COMPILE: Tool = {
  name: 'pip-compile',
  scope: 'single',
  interpreterBound: true,
  versionCommand: [bin('pip-compile'), '--version'],
  coldPaths: ['cache'],
  outputs: ['pip-compile.txt'],
  prepare: async (ctx) => ({
    argv: [
      bin('pip-compile'),
      await writeRequirementsIn(ctx),
      '--index-url',
      ctx.indexUrl,
      '--no-header',
      '--no-annotate',
      '--quiet',
      '--no-emit-index-url',
      // pip-tools leaves "unsafe" packages (pip, setuptools) out of the lock unless asked, which makes
      // the lock incomplete (homeassistant requires pip>=21.3.1); pip-tools 8 makes this the default.
      '--allow-unsafe',
      '--pip-args',
      '--only-binary :all:',
      '--cache-dir',
      join(ctx.work, 'cache', 'pip-tools'),
      '-o',
      join(ctx.work, 'pip-compile.txt'),
    ],
    env: cacheEnv(ctx),
  }),
  readLock: async (ctx) => pinsFromRequirementsTxt(await readFile(join(ctx.work, 'pip-compile.txt'), 'utf8')),
};

function pyproject(ctx: RunContext, extra: string): string {
  const [major, minor] = pyVersion(ctx.workload).split('.');
  const deps = ctx.workload.requirements.map((r) => JSON.stringify(r)).join(', ');
  return `[project]\nname = "bench"\nversion = "0"\nrequires-python = "==${major}.${minor}.*"\ndependencies = [${deps}]\n\n${extra}`;
}

/** Universal locks may pin a package twice (per marker); the gate sees the last entry. */
function pinsFromLockToml(text: string): Map<string, string> {
  const lock = parseToml(text) as { package?: { name: string; version: string }[] };
  return new Map((lock.package ?? []).map((p) => [canonicalizeName(p.name), p.version]));
}

export const POETRY: Tool = {
  name: 'poetry lock',
  scope: 'universal',
  versionCommand: [bin('poetry'), '--version'],
  coldPaths: ['cache'],
  outputs: ['poetry.lock'],
  prepare: async (ctx) => {
    const source = `[tool.poetry]\npackage-mode = false\n\n[[tool.poetry.source]]\nname = "loopback"\nurl = "${ctx.indexUrl}"\npriority = "primary"\n`;
    await writeFile(join(ctx.work, 'pyproject.toml'), pyproject(ctx, source));
    return {
      argv: [bin('poetry'), 'lock', '--no-interaction', '--quiet'],
      cwd: ctx.work,
      env: {
        ...cacheEnv(ctx),
        POETRY_CACHE_DIR: join(ctx.work, 'cache', 'pypoetry'),
        POETRY_VIRTUALENVS_CREATE: 'false',
      },
    };
  },
  readLock: async (ctx) => pinsFromLockToml(await readFile(join(ctx.work, 'poetry.lock'), 'utf8')),
};

export const PDM: Tool = {
  name: 'pdm lock',
  scope: 'universal',
  // PDM_PYTHON is the bench venv's interpreter, which must satisfy the project's requires-python.
  interpreterBound: true,
  versionCommand: [bin('pdm'), '--version'],
  coldPaths: ['cache'],
  outputs: ['pdm.lock'],
  prepare: async (ctx) => {
    const source = `[[tool.pdm.source]]\nname = "pypi"\nurl = "${ctx.indexUrl}"\nverify_ssl = false\n`;
    await writeFile(join(ctx.work, 'pyproject.toml'), pyproject(ctx, source));
    return {
      argv: [bin('pdm'), 'lock', '--quiet'],
      cwd: ctx.work,
      env: {
        ...cacheEnv(ctx),
        PDM_CACHE_DIR: join(ctx.work, 'cache', 'pdm'),
        PDM_PYTHON: bin('python'),
        PDM_CHECK_UPDATE: 'false',
      },
    };
  },
  readLock: async (ctx) => pinsFromLockToml(await readFile(join(ctx.work, 'pdm.lock'), 'utf8')),
};

export const TOOLS: readonly Tool[] = [THOTH, THOTH_CLI, UV, PIP, PIP_COMPILE, POETRY, PDM];
