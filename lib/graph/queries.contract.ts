// Behaviour of the graph queries, shared by both backends (PGlite in unit tests, PostgreSQL in
// integration tests): idempotent writes, one-round-trip reads for the adviser, jobs and flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimJob,
  finishJob,
  graphStats,
  jobCounts,
  loadClosure,
  loadPackages,
  markFileAbsent,
  migrate,
  recordListedReleases,
  unanalysedReleases,
  unsolvedPairs,
  setMissing,
  upsertEnvironments,
  upsertRelease,
  upsertSolverRun,
  versionsSolvedInAll,
} from './index.js';
import type { GraphStore, ReleaseRecord } from './index.js';

const PYPI = 'https://pypi.org/simple';
const ENV = { key: 'cp311-manylinux_2_17_x86_64', pythonVersion: '3.11', platform: 'manylinux_2_17_x86_64' };
const ENV_WIN = { key: 'cp311-win_amd64', pythonVersion: '3.11', platform: 'win_amd64' };

function release(name: string, version: string, deps: ReleaseRecord['dependencies'] = []): ReleaseRecord {
  return {
    name,
    version,
    indexUrl: PYPI,
    requiresPython: '>=3.8',
    yanked: false,
    yankedReason: null,
    uploadTime: '2024-01-02T03:04:05.000Z',
    metadataSource: 'core-metadata',
    files: [
      {
        filename: `${name}-${version}-py3-none-any.whl`,
        kind: 'wheel',
        tags: ['py3-none-any'],
        sha256: `${name}${version}`.padEnd(64, '0'),
        size: 1234,
        uploadTime: '2024-01-02T03:04:05.000Z',
        url: `https://files.example/${name}-${version}-py3-none-any.whl`,
      },
    ],
    dependencies: deps,
    verdicts: [
      { environmentKey: ENV.key, installable: true, reason: null, error: null },
      { environmentKey: ENV_WIN.key, installable: false, reason: 'no-compatible-wheel', error: null },
    ],
  };
}

export function describeGraphQueries(name: string, open: () => Promise<GraphStore>): void {
  describe(`graph queries: ${name}`, () => {
    let db: GraphStore;
    beforeAll(async () => {
      db = await open();
      await migrate(db);
    });
    afterAll(async () => {
      await db.close();
    });

    async function sync(records: ReleaseRecord[], documentId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const envs = await upsertEnvironments(tx, [ENV, ENV_WIN]);
        const run = await upsertSolverRun(tx, {
          documentId,
          solverVersion: '0.1.0',
          datetime: '2024-01-03T00:00:00Z',
          durationMs: 10,
        });
        for (const r of records) await upsertRelease(tx, r, r.version, envs, run);
      });
    }

    it('writes releases idempotently: the same records twice give the same content hash', async () => {
      const flask = release('flask', '3.0.0', [
        {
          name: 'werkzeug',
          specifier: '>=3.0.0',
          extras: [],
          marker: null,
          activatingExtra: null,
          url: null,
        },
        {
          name: 'asgiref',
          specifier: '>=3.2',
          extras: [],
          marker: null,
          activatingExtra: 'async',
          url: null,
        },
        {
          name: 'colorama',
          specifier: '',
          extras: [],
          marker: 'platform_system == "Windows"',
          activatingExtra: null,
          url: null,
          markerResults: { [ENV.key]: false, [ENV_WIN.key]: true },
        },
      ]);
      await sync(
        [
          flask,
          release('werkzeug', '3.0.1', [
            {
              name: 'markupsafe',
              specifier: '>=2.1.1',
              extras: ['x', 'y'],
              marker: null,
              activatingExtra: null,
              url: null,
            },
          ]),
        ],
        'solve-a',
      );
      const first = await graphStats(db);
      await sync([flask], 'solve-a');
      const second = await graphStats(db);
      expect(second).toEqual(first);
      expect(first.releases).toBe(2);
      expect(first.dependencies).toBe(4);
      expect(first.verdicts).toBe(4);
      expect(first.contentHash).toMatch(/^[0-9a-f]{32}$/);
    });

    it('loads packages with verdicts, all extras, specifiers and marker results in one environment', async () => {
      const known = await loadPackages(db, ['flask', 'nope'], ENV.key);
      expect(known.get('nope')).toEqual([]);
      const [flask] = known.get('flask')!;
      expect(flask).toMatchObject({ name: 'flask', version: '3.0.0', indexUrl: PYPI, installable: true });
      expect(flask!.hashes).toEqual(['flask3.0.0'.padEnd(64, '0')]);
      expect(flask!.dependencies).toEqual([
        {
          name: 'werkzeug',
          specifier: '>=3.0.0',
          extras: [],
          marker: null,
          activatingExtra: null,
          markerResult: null,
        },
        {
          name: 'asgiref',
          specifier: '>=3.2',
          extras: [],
          marker: null,
          activatingExtra: 'async',
          markerResult: null,
        },
        {
          name: 'colorama',
          specifier: '',
          extras: [],
          marker: 'platform_system == "Windows"',
          activatingExtra: null,
          markerResult: false,
        },
      ]);
      const windows = await loadPackages(db, ['flask'], ENV_WIN.key);
      expect(windows.get('flask')![0]).toMatchObject({ installable: false, reason: 'no-compatible-wheel' });
      expect(windows.get('flask')![0]!.dependencies[2]!.markerResult).toBe(true);
      const unknownEnv = await loadPackages(db, ['flask'], 'cp27-none');
      expect(unknownEnv.get('flask')![0]!.installable).toBeNull();
      const werkzeug = await loadPackages(db, ['werkzeug'], ENV.key);
      expect(werkzeug.get('werkzeug')![0]!.dependencies[0]!.extras).toEqual(['x', 'y']);
    });

    it('loads a closure breadth-first, one query per level, skipping edges whose marker is false', async () => {
      const { packages, queries } = await loadClosure(db, ['flask'], ENV.key);
      expect([...packages.keys()].sort()).toEqual(['asgiref', 'flask', 'markupsafe', 'werkzeug']);
      expect(queries).toBe(3);
      const win = await loadClosure(db, ['flask'], ENV_WIN.key);
      expect(win.packages.has('colorama')).toBe(true);
    });

    it('claims a job once, refuses duplicates in flight, retries failures with backoff, then exhausts', async () => {
      const now = new Date('2025-01-01T00:00:00Z');
      const req = {
        kind: 'solve',
        key: 'pypi:flask:3.0.0:cp311',
        workflowName: (a: number) => `solve-abc-${a}`,
        maxAttempts: 2,
        now,
      };
      expect(await db.transaction((tx) => claimJob(tx, req))).toEqual({
        outcome: 'claimed',
        attempt: 1,
        workflowName: 'solve-abc-1',
      });
      expect(await db.transaction((tx) => claimJob(tx, req))).toEqual({
        outcome: 'in-flight',
        workflowName: 'solve-abc-1',
      });
      await finishJob(db, req, { succeeded: false, error: 'OOMKilled', retryAfterMs: 60_000 }, now);
      const early = await claimJob(db, { ...req, now: new Date(now.getTime() + 1000) });
      expect(early.outcome).toBe('backoff');
      const retry = await claimJob(db, { ...req, now: new Date(now.getTime() + 120_000) });
      expect(retry).toEqual({ outcome: 'claimed', attempt: 2, workflowName: 'solve-abc-2' });
      await finishJob(db, req, { succeeded: false, error: 'OOMKilled again', retryAfterMs: 0 }, now);
      const done = await claimJob(db, { ...req, now: new Date(now.getTime() + 999_000) });
      expect(done).toEqual({ outcome: 'exhausted', attempts: 2, lastError: 'OOMKilled again' });
      expect((await jobCounts(db, 'solve')).exhausted).toBe(1);

      const ok = { ...req, key: 'pypi:flask:3.0.1:cp311' };
      await claimJob(db, ok);
      await finishJob(db, ok, { succeeded: true }, now);
      expect((await claimJob(db, ok)).outcome).toBe('done');
    });

    it('flags missing releases and absent files, which the adviser then sees', async () => {
      expect(await setMissing(db, { name: 'werkzeug', version: '3.0.1', indexUrl: PYPI })).toBe(1);
      expect(await setMissing(db, { name: 'werkzeug', version: '3.0.1', indexUrl: PYPI })).toBe(0);
      expect(
        await markFileAbsent(
          db,
          { name: 'flask', version: '3.0.0', indexUrl: PYPI },
          'flask-3.0.0-py3-none-any.whl',
        ),
      ).toBe(1);
      const known = await loadPackages(db, ['werkzeug', 'flask'], ENV.key);
      expect(known.get('werkzeug')![0]!.isMissing).toBe(true);
      expect(known.get('flask')![0]!.hashes).toEqual([]);
    });

    it('selects unsolved pairs and unanalysed releases, skipping in-flight, done and exhausted work', async () => {
      // flask 3.0.0 and werkzeug 3.0.1 have verdicts in both environments; add a third environment.
      await db.query(`INSERT INTO runtime_environment (key, python_version) VALUES ('cp312-x', '3.12')`);
      const pairs = await unsolvedPairs(db, ['cp312-x', ENV.key], 10);
      // werkzeug 3.0.1 was flagged missing above, so only flask is selected.
      expect(pairs).toEqual([{ name: 'flask', version: '3.0.0', indexUrl: PYPI, environmentKey: 'cp312-x' }]);
      const now = new Date('2025-01-01T00:00:00Z');
      const job = { kind: 'solve', key: `flask:3.0.0:cp312-x:${PYPI}`, workflowName: () => 'solve-x', now };
      await claimJob(db, job);
      expect(await unsolvedPairs(db, ['cp312-x'], 10)).toEqual([]);
      // A failed job with attempts left is selected again; an exhausted one is not.
      await finishJob(db, job, { succeeded: false, error: 'boom', retryAfterMs: 0 }, now);
      expect(await unsolvedPairs(db, ['cp312-x'], 10)).toHaveLength(1);

      expect((await unanalysedReleases(db, 10)).map((r) => r.name)).toEqual(['flask']);
      await claimJob(db, {
        kind: 'security-indicator',
        key: `flask:3.0.0:${PYPI}`,
        workflowName: () => 'si-x',
        now,
      });
      expect(await unanalysedReleases(db, 10)).toEqual([]);
      expect(await unsolvedPairs(db, [], 10)).toEqual([]);
    });

    // Last: the bare rows it leaves would be unsolved pairs for the test above.
    it('records listed versions as bare releases once, which the adviser sees as not solved', async () => {
      await sync([release('listed-pkg', '1.2.0')], 'solver-listed-pkg');
      // '1.2' is 1.2.0's spelling (kept as the solved row), 'junk' no version, 1.1 listed twice.
      const fresh = await recordListedReleases(db, 'listed-pkg', PYPI, [
        '1.0',
        '1.1',
        '1.1.0',
        '1.2',
        'junk',
      ]);
      expect(fresh).toBe(2);
      expect(await recordListedReleases(db, 'listed-pkg', PYPI, ['1.0', '1.1'])).toBe(0);
      const known = (await loadPackages(db, ['listed-pkg'], ENV.key)).get('listed-pkg')!;
      expect(known.map((r) => `${r.version}:${String(r.installable)}`).sort()).toEqual([
        '1.0:null',
        '1.1:null',
        '1.2.0:true',
      ]);
      // A verdict in both environments counts; in one of them only, not.
      expect([...(await versionsSolvedInAll(db, 'listed-pkg', PYPI, [ENV.key, ENV_WIN.key]))]).toEqual([
        '1.2.0',
      ]);
      expect(await versionsSolvedInAll(db, 'listed-pkg', PYPI, [ENV.key, 'cp27-none'])).toEqual(new Set());
      expect(await versionsSolvedInAll(db, 'listed-pkg', 'https://other.example/simple', [ENV.key])).toEqual(
        new Set(),
      );
    });
  });
}
