// The opt-in sdist metadata build, for the sandboxed solver pod only (never on by default): when an
// sdist's metadata "needs a build" (PKG-INFO older than PEP 643, or Requires-Dist marked Dynamic),
// download it, unpack it with lib/security's refusing extractor into a throw-away directory, and let
// pip run the PEP 517 hook `prepare_metadata_for_build_wheel` in its isolated build environment
// (`pip install --dry-run --no-deps --report`; pyproject_hooks falls back to `build_wheel` when a
// backend lacks the hook; a project without pyproject.toml gets setuptools' legacy backend). Bounded by
// a time limit (the whole process group is killed), byte caps on the sdist, the archive, the report
// and stderr, and, when build requirements come from a local wheelhouse, no network at all (a new
// network namespace via `unshare -rn`). `--no-build-isolation` is never used: an arbitrary package's
// build requirements must not meet the solver's own interpreter.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { ThothError } from '../../errors/index.js';
import { IndexHostError } from '../../index/index.js';
import type { CoreMetadata, ProjectFile } from '../../index/index.js';
import { archiveFormat, extractArchive } from '../../security/index.js';
import type { ExtractLimits } from '../../security/index.js';
import { runBounded } from './process.js';
import { metadataFromReport } from './report.js';

/** Where the build requirements (setuptools, hatchling, …) of the isolated build env come from. */
export type BuildRequirementsSource =
  /** A PEP 503 index (credentials allowed in the URL; passed through the environment, not argv). */
  | { readonly kind: 'index'; readonly indexUrl: string }
  /** A directory of wheels (`--no-index --find-links`): the build needs no network at all. */
  | { readonly kind: 'wheelhouse'; readonly directory: string };

export interface SdistBuildOptions {
  /** The Python interpreter that runs pip (pip >= 22.2 for `--report`). */
  readonly python: string;
  /** Downloads a file, hash-verified (HttpPackageIndex.download). */
  readonly download: (file: ProjectFile) => Promise<Buffer>;
  readonly buildRequirements: BuildRequirementsSource;
  /**
   * Network namespace for wheelhouse builds: 'auto' uses `unshare -rn` when it works here, 'require'
   * fails every build when it does not, 'off' never uses it. Index builds need the network for the
   * build requirements and never use it.
   */
  readonly isolateNetwork?: 'auto' | 'require' | 'off';
  /** Time limit per build, ms (default 120 s). */
  readonly timeoutMs?: number;
  /** Largest sdist downloaded, bytes (default 64 MiB). */
  readonly maxSdistBytes?: number;
  /** Largest pip report read, bytes (default 4 MiB). */
  readonly maxReportBytes?: number;
  /** Characters of stderr's tail quoted in an error entry (default 1500). */
  readonly stderrTailChars?: number;
  /** Limits of the sdist extraction (lib/security's defaults otherwise). */
  readonly extractLimits?: Partial<ExtractLimits>;
  /** Builds run at once (default 1: a build takes a core). */
  readonly concurrency?: number;
  /** Parent of the throw-away directories (default the OS temporary directory). */
  readonly workRoot?: string;
}

/** Why a build gave no metadata; each becomes the release's one error entry. */
export type BuildFailureCode =
  /** The backend or pip failed (non-zero exit); the message quotes the tail of stderr. */
  | 'metadata-build-failed'
  /** The time limit was reached and the process group killed. */
  | 'metadata-build-timeout'
  /** The sdist, the report or the output was larger than allowed. */
  | 'metadata-build-too-large'
  /** The archive was refused by the safe extractor (traversal, links, bomb) or is no sdist. */
  | 'metadata-build-refused'
  /** The build could not be attempted here (no interpreter, network isolation required but unavailable). */
  | 'metadata-build-unavailable';

export interface BuildFailure {
  readonly kind: 'build-failed';
  readonly code: BuildFailureCode;
  readonly message: string;
}

export type BuildOutcome = CoreMetadata | BuildFailure;

/** What the solver calls when a release's metadata needs a build (SolverPorts.metadataBuilder). */
export interface MetadataBuilder {
  /**
   * Build `file` (an sdist) far enough to know its metadata. Failures of the package are values;
   * IndexHostError (the index failing while downloading) is thrown.
   */
  build(file: ProjectFile): Promise<BuildOutcome>;
}

const DEFAULTS = {
  timeoutMs: 120_000,
  maxSdistBytes: 64 * 1024 * 1024,
  maxReportBytes: 4 * 1024 * 1024,
  stderrTailChars: 1500,
};

/** Creates the builder; nothing runs until `build` is called. */
export function createSdistMetadataBuilder(options: SdistBuildOptions): MetadataBuilder {
  const limit = pLimit(options.concurrency ?? 1);
  let unshare: Promise<boolean> | undefined;
  const canUnshare = (): Promise<boolean> => (unshare ??= probeUnshare());
  return {
    build: (file) => limit(() => buildOne(file, options, canUnshare)),
  };
}

async function buildOne(
  file: ProjectFile,
  options: SdistBuildOptions,
  canUnshare: () => Promise<boolean>,
): Promise<BuildOutcome> {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const fail = (code: BuildFailureCode, message: string): BuildFailure => ({
    kind: 'build-failed',
    code,
    message: `${file.filename}: ${message}`,
  });
  if (archiveFormat(file.filename) === undefined) {
    return fail('metadata-build-refused', 'only .tar.gz, .tgz and .zip sdists are built');
  }
  if (file.size !== undefined && file.size > settings.maxSdistBytes) {
    return fail(
      'metadata-build-too-large',
      `${file.size} bytes, more than the ${settings.maxSdistBytes} allowed`,
    );
  }
  let prefix: string[] = [];
  if (options.buildRequirements.kind === 'wheelhouse' && (options.isolateNetwork ?? 'auto') !== 'off') {
    if (await canUnshare()) prefix = ['unshare', '-rn'];
    else if (options.isolateNetwork === 'require') {
      return fail(
        'metadata-build-unavailable',
        'network isolation is required but `unshare -rn` does not work here',
      );
    }
  }

  let bytes: Buffer;
  try {
    bytes = await options.download(file);
  } catch (error) {
    if (error instanceof IndexHostError || !(error instanceof ThothError)) throw error;
    return fail('metadata-build-failed', `download failed: ${error.message} [${error.code}]`);
  }
  if (bytes.length > settings.maxSdistBytes) {
    return fail(
      'metadata-build-too-large',
      `${bytes.length} bytes, more than the ${settings.maxSdistBytes} allowed`,
    );
  }

  const work = await mkdtemp(join(options.workRoot ?? tmpdir(), 'thoth-sdist-build-'));
  try {
    let source: string;
    try {
      const summary = await extractArchive(file.filename, bytes, join(work, 'src'), options.extractLimits);
      // `root` is the sdist's single top-level folder (`name-1.0/`), given as a path under the destination.
      source = summary.root === undefined ? join(work, 'src') : resolve(join(work, 'src'), summary.root);
    } catch (error) {
      if (!(error instanceof ThothError)) throw error;
      return fail('metadata-build-refused', error.message);
    }
    const entries = await readdir(source);
    if (!entries.includes('pyproject.toml') && !entries.includes('setup.py')) {
      return fail('metadata-build-refused', 'neither pyproject.toml nor setup.py at the top of the sdist');
    }
    await mkdir(join(work, 'home'));
    await mkdir(join(work, 'tmp'));
    const report = join(work, 'report.json');
    const env: Record<string, string> = {
      PATH: [dirname(options.python), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter),
      HOME: join(work, 'home'),
      TMPDIR: join(work, 'tmp'),
      LC_ALL: 'C.UTF-8',
      // No user or site configuration, no cache, no prompts: the build depends on the sdist alone.
      PIP_CONFIG_FILE: '/dev/null',
      PIP_NO_CACHE_DIR: '1',
      PIP_NO_INPUT: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PIP_ROOT_USER_ACTION: 'ignore',
      PYTHONNOUSERSITE: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      ...(options.buildRequirements.kind === 'index'
        ? { PIP_INDEX_URL: options.buildRequirements.indexUrl }
        : { PIP_NO_INDEX: '1', PIP_FIND_LINKS: options.buildRequirements.directory }),
    };
    const pipArgs = [
      '-m',
      'pip',
      'install',
      '--dry-run',
      '--no-deps',
      '--ignore-installed',
      '--quiet',
      '--report',
      report,
      source,
    ];
    const [command, ...args] = [...prefix, options.python, ...pipArgs] as [string, ...string[]];
    const run = await runBounded(command, args, {
      cwd: work,
      env,
      timeoutMs: settings.timeoutMs,
      maxStdoutBytes: 1024 * 1024,
      stderrTailBytes: settings.stderrTailChars * 4,
    });
    const tail = (): string => {
      const text = run.stderrTail.trim();
      const cut = text.length > settings.stderrTailChars ? `…${text.slice(-settings.stderrTailChars)}` : text;
      return cut === '' ? '(no stderr)' : cut.replace(/\s*\n\s*/g, ' | ');
    };
    if (run.spawnError !== undefined) {
      return fail('metadata-build-unavailable', `cannot run ${command}: ${run.spawnError}`);
    }
    if (run.timedOut) {
      return fail(
        'metadata-build-timeout',
        `the build did not finish within ${settings.timeoutMs} ms; stderr: ${tail()}`,
      );
    }
    if (run.outputExceeded)
      return fail('metadata-build-too-large', 'the build wrote more than 1 MiB to stdout');
    if (run.exitCode !== 0) {
      const how = run.exitCode === null ? `was killed by ${run.signal}` : `exited with ${run.exitCode}`;
      return fail('metadata-build-failed', `pip ${how}; stderr: ${tail()}`);
    }
    const size = (await stat(report).catch(() => undefined))?.size;
    if (size === undefined) return fail('metadata-build-failed', `pip wrote no report; stderr: ${tail()}`);
    if (size > settings.maxReportBytes) {
      return fail(
        'metadata-build-too-large',
        `pip's report has ${size} bytes, more than ${settings.maxReportBytes}`,
      );
    }
    try {
      return metadataFromReport(await readFile(report, 'utf8'), file.filename);
    } catch (error) {
      if (!(error instanceof ThothError)) throw error;
      return fail('metadata-build-failed', error.message);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether `unshare -rn` (a user and a network namespace) works on this machine. */
function probeUnshare(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('unshare', ['-rn', 'true'], { timeout: 10_000 }, (error) => resolve(error === null));
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
