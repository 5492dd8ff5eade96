// The `thoth advise (cli)` bench tool on the committed black corpus, timed by the bench's own
// measure(): cold learns from the loopback index and its lock passes the gate; warm (the same
// THOTH_HOME) answers from the graph without a request; a failing run ends with one stderr line giving
// the exit code, the time and the command's last words. Runs the real bundled command (bin/thoth.mjs),
// so it is in the integration project; it needs no services.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors/index.js';
import { loadCorpus, serveCorpus } from '../../lib/index/index.js';
import type { Corpus, LoopbackIndex } from '../../lib/index/index.js';
import type { MarkerEnvironment } from '../../lib/python/index.js';
import { checkLock } from '../lib/gate.js';
import { measure } from '../lib/measure.js';
import { THOTH_CLI } from '../lib/peers.js';
import type { RunContext } from '../lib/peers.js';
import { corpusPath, markerEnvironment, readWorkloads } from '../lib/workload.js';
import type { Workload } from '../lib/workload.js';
import { learningSummary, thothConfig } from './cli.js';

let workload: Workload;
let corpus: Corpus;
let server: LoopbackIndex;
let work: string;

beforeAll(async () => {
  [workload] = (await readWorkloads(['black'])) as [Workload];
  corpus = await loadCorpus(corpusPath(workload));
  server = await serveCorpus(corpus, { port: 0 });
  work = mkdtempSync(join(tmpdir(), 'thoth-bench-cli-'));
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function runOnce(ctx: RunContext): Promise<Awaited<ReturnType<typeof measure>>> {
  for (const p of THOTH_CLI.outputs) await rm(join(ctx.work, p), { force: true });
  return measure(await THOTH_CLI.prepare(ctx), server, ctx.work, 110_000);
}

describe('thoth advise (cli) as a bench tool', () => {
  let coldLock: Map<string, string>;

  it('cold: learns from the index, and the lock it prints passes the gate', async () => {
    const ctx: RunContext = { workload, indexUrl: server.url, work, mode: 'cold' };
    const m = await runOnce(ctx);
    expect(m.ok, m.stderrTail).toBe(true);
    expect(m.counters.requests).toBeGreaterThan(0);
    expect(m.peakRssKb).toBeGreaterThan(0);
    coldLock = await THOTH_CLI.readLock(ctx);
    const verdict = checkLock(
      corpus,
      workload.requirements,
      markerEnvironment(workload) as unknown as MarkerEnvironment,
      coldLock,
    );
    expect(verdict.problems).toEqual([]);
    expect(coldLock.has('black')).toBe(true);
    const summary = await learningSummary(work, join(work, 'home'));
    expect(summary.rounds).toBeGreaterThan(0);
    expect(summary.solveWorkflows).toBeGreaterThan(0);
  });

  it('warm: the same THOTH_HOME answers from the graph without asking the index', async () => {
    const ctx: RunContext = { workload, indexUrl: server.url, work, mode: 'warm' };
    const m = await runOnce(ctx);
    expect(m.ok, m.stderrTail).toBe(true);
    expect(m.counters.requests).toBe(0);
    expect(await THOTH_CLI.readLock(ctx)).toEqual(coldLock);
    expect((await learningSummary(work, join(work, 'home'))).rounds).toBe(0);
  });

  it('a failed run ends with the exit code, its time and the last lines on stderr', async () => {
    const missing = { ...workload, requirements: ['no-such-project-anywhere'] };
    const dir = join(work, 'failing');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    const m = await runOnce({ workload: missing, indexUrl: server.url, work: dir, mode: 'cold' });
    expect(m.exitCode).toBe(1);
    expect(m.stderrTail).toMatch(
      /thoth advise error: exit 1 after \d+ ms: .*no-such-project-anywhere was not found/,
    );
  });

  it('refuses a platform .thoth.yaml cannot express as a libc', () => {
    const windows = { ...workload, environment: { python: '3.11.7', platform: 'win_amd64' } };
    expect(() => thothConfig(windows)).toThrow(InputError);
  });
});
