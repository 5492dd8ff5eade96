// Runs one timed command: wall time measured here, peak RSS from GNU time (-f %M, the maximum
// resident set of the process tree's largest member, in KiB), and the loopback index's counters
// for exactly this run. The index is served from this process, so the child is spawned
// asynchronously and the event loop keeps answering it.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LoopbackIndex, ServerCounters } from '../../lib/index/index.js';
import type { Invocation } from './peers.js';

export interface Measurement {
  ok: boolean;
  exitCode: number | null;
  wallSeconds: number;
  peakRssKb: number | null;
  counters: ServerCounters;
  /** The end of stderr when the command failed. */
  stderrTail: string;
}

/** A run still going after this long is killed (and reported as a failure). */
export const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000;

export async function measure(
  invocation: Invocation,
  server: LoopbackIndex,
  scratch: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Measurement> {
  const timeFile = join(scratch, 'time.out');
  await rm(timeFile, { force: true });
  server.resetCounters();
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, ...invocation.argv], {
    cwd: invocation.cwd ?? scratch,
    env: { ...process.env, ...invocation.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so a timeout kills the tool and not only GNU time: an orphaned tool
    // would keep stderr open and the run would never end.
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  const wallSeconds = (performance.now() - started) / 1000;
  const counters = { ...server.counters };
  let peakRssKb: number | null = null;
  try {
    const lines = (await readFile(timeFile, 'utf8')).trim().split('\n');
    const last = Number(lines[lines.length - 1]);
    peakRssKb = Number.isFinite(last) ? last : null;
  } catch {
    peakRssKb = null;
  }
  return { ok: exitCode === 0, exitCode, wallSeconds, peakRssKb, counters, stderrTail: stderr.slice(-1500) };
}

export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median =
    n === 0 ? NaN : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { runs: n, median, min: sorted[0] ?? NaN, max: sorted[n - 1] ?? NaN };
}
