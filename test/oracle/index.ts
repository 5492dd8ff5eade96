// The TypeScript side of the packaging oracle: starts test/oracle/packaging_oracle.py with the
// interpreter named by THOTH_PYTHON (scripts/python-env.sh builds it; scripts/test.sh exports it) and
// sends many queries per round trip. Differential tests compare our lib/python against its answers.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { OracleOpName, OracleOps } from './ops.js';

export type { OracleOpName, OracleOps, OracleVersionInfo, Prereleases } from './ops.js';

/** One answer: the value, or the Python exception packaging raised. */
export type OracleAnswer<T> =
  { ok: T; error?: undefined } | { ok?: undefined; error: { type: string; message: string } };

const WORKER = fileURLToPath(new URL('./packaging_oracle.py', import.meta.url));
// Calls per JSON line; keeps lines (and the worker's memory per request) moderate.
const CHUNK = 2_000;

/** The oracle interpreter from THOTH_PYTHON; throws with the fix when it is unset. */
export function oraclePython(): string {
  const python = process.env.THOTH_PYTHON;
  if (python === undefined || python === '') {
    throw new Error(
      'THOTH_PYTHON is not set: the differential tests need the Python oracle. Run `bash scripts/python-env.sh` ' +
        'and export THOTH_PYTHON="${THOTH_CACHE:-$HOME/.cache/thoth}/venv/bin/python" (scripts/test.sh does both).',
    );
  }
  return python;
}

interface Pending {
  resolve: (results: OracleAnswer<unknown>[]) => void;
  reject: (error: Error) => void;
}

export class PackagingOracle {
  /** packaging's version as the worker reported it, e.g. "26.3". */
  readonly packagingVersion: string;
  readonly pythonVersion: string;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited: Error | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    ready: { packaging: string; python: string },
    lines: AsyncIterator<string>,
    private readonly stderr: () => string,
  ) {
    this.packagingVersion = ready.packaging;
    this.pythonVersion = ready.python;
    void this.readReplies(lines);
    child.on('exit', (code, signal) => {
      this.exited = new Error(`packaging oracle exited (code ${code}, signal ${signal}): ${this.stderr()}`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Starts the worker and waits for its ready line; fails clearly when packaging is missing. */
  static async start(python: string = oraclePython()): Promise<PackagingOracle> {
    const child = spawn(python, ['-u', WORKER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const spawnError = new Promise<never>((_, reject) => {
      child.once('error', (error) =>
        reject(new Error(`cannot start the packaging oracle with ${python}: ${error.message}`)),
      );
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const first = await Promise.race([lines.next(), spawnError]);
    if (first.done === true) {
      const why = stderr.includes('No module named')
        ? `${python} lacks the packaging library`
        : 'the worker exited';
      throw new Error(
        `packaging oracle did not start: ${why}. Run \`bash scripts/python-env.sh\`.\n${stderr}`,
      );
    }
    const ready = JSON.parse(first.value) as { ready: boolean; packaging: string; python: string };
    return new PackagingOracle(child, ready, lines, () => stderr);
  }

  private async readReplies(lines: AsyncIterator<string>): Promise<void> {
    for (;;) {
      const next = await lines.next();
      if (next.done === true) return;
      const reply = JSON.parse(next.value) as {
        id: number;
        results?: OracleAnswer<unknown>[];
        fatal?: string;
      };
      const waiter = this.pending.get(reply.id);
      if (waiter === undefined) continue;
      this.pending.delete(reply.id);
      if (reply.results !== undefined) waiter.resolve(reply.results);
      else waiter.reject(new Error(`packaging oracle failed: ${reply.fatal ?? 'no results'}`));
    }
  }

  private send(op: string, calls: readonly unknown[][]): Promise<OracleAnswer<unknown>[]> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, op, calls })}\n`);
    });
  }

  /** Runs `op` once per argument tuple, in as few round trips as possible; answers keep the order. */
  async batch<K extends OracleOpName>(
    op: K,
    calls: readonly OracleOps[K]['args'][],
  ): Promise<OracleAnswer<OracleOps[K]['result']>[]> {
    const chunks: Promise<OracleAnswer<unknown>[]>[] = [];
    for (let i = 0; i < calls.length; i += CHUNK) chunks.push(this.send(op, calls.slice(i, i + CHUNK)));
    return (await Promise.all(chunks)).flat() as OracleAnswer<OracleOps[K]['result']>[];
  }

  /** Runs `op` once. */
  async call<K extends OracleOpName>(
    op: K,
    ...args: OracleOps[K]['args']
  ): Promise<OracleAnswer<OracleOps[K]['result']>> {
    const [answer] = await this.batch(op, [args]);
    return answer!;
  }

  /** Like `batch` but throws when any call raised: for ops that must succeed. */
  async values<K extends OracleOpName>(
    op: K,
    calls: readonly OracleOps[K]['args'][],
  ): Promise<OracleOps[K]['result'][]> {
    const answers = await this.batch(op, calls);
    return answers.map((a, i) => {
      if (a.error !== undefined)
        throw new Error(
          `oracle ${op}(${JSON.stringify(calls[i])}) raised ${a.error.type}: ${a.error.message}`,
        );
      return a.ok as OracleOps[K]['result'];
    });
  }

  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    await done;
  }
}
