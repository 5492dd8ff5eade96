// graph-sync behaviour over each pair of backends: the graph (PGlite or PostgreSQL) and the artifact
// store (directory or S3). Shared by the unit and integration projects.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../errors/index.js';
import { DocumentStore } from '../storage/index.js';
import type { ArtifactStore } from '../storage/index.js';
import {
  graphStats,
  graphVersion,
  loadPackages,
  migrate,
  rebuildGraph,
  syncDocument,
  syncFromStore,
} from './index.js';
import type { GraphStore } from './index.js';
import { release, solverDocument } from './sync/__fixtures__/solver-documents.js';

export function describeGraphSync(
  name: string,
  open: () => Promise<{ graph: GraphStore; other: GraphStore; store: ArtifactStore; prefix: string }>,
): void {
  describe(`graph-sync: ${name}`, () => {
    let graph: GraphStore;
    let other: GraphStore;
    let docs: DocumentStore;
    let store: ArtifactStore;
    beforeAll(async () => {
      const opened = await open();
      ({ graph, other, store } = opened);
      docs = new DocumentStore(store, { prefix: opened.prefix, deployment: 'test' });
      await migrate(graph);
      await migrate(other);
    });
    afterAll(async () => {
      await graph.close();
      await other.close();
      await store.close();
    });

    const flask = solverDocument('solver-flask', [
      release('flask', '3.0.0', [
        ['werkzeug', '>=3.0.0', null, null],
        ['asgiref', '>=3.2', 'extra == "async"', 'async'],
        ['colorama', '', 'sys_platform == "win32"', null],
      ]),
      release('flask', '2.3.3', [['werkzeug', '>=2.3.7', null, null]]),
    ]);
    const werkzeug = solverDocument('solver-werkzeug', [
      release('werkzeug', '3.0.1', [['markupsafe', '>=2.1.1', null, null]]),
    ]);

    it('syncs a solver document and is idempotent: the same document twice changes nothing', async () => {
      const first = await syncDocument(graph, 'solver', flask);
      expect(first).toEqual({ kind: 'solver', documentId: 'solver-flask', releases: 2 });
      const stats = await graphStats(graph);
      expect(stats).toMatchObject({
        releases: 2,
        dependencies: 4,
        verdicts: 2,
        solverRuns: 1,
        environments: 1,
      });
      await syncDocument(graph, 'solver', flask);
      expect((await graphStats(graph)).contentHash).toBe(stats.contentHash);
      const known = await loadPackages(graph, ['flask'], 'debian-12-py311');
      const v3 = known.get('flask')!.find((r) => r.version === '3.0.0')!;
      expect(v3.dependencies.map((d) => [d.name, d.specifier, d.activatingExtra, d.markerResult])).toEqual([
        ['werkzeug', '>=3.0.0', null, true],
        ['asgiref', '>=3.2', 'async', true],
        ['colorama', '', null, false],
      ]);
    });

    it('rejects a document that fails its schema with the reason, and writes nothing of it', async () => {
      const before = await graphStats(graph);
      const version = await graphVersion(graph);
      const bad = structuredClone(flask) as unknown as {
        result: { releases: Array<{ dependencies: Array<Record<string, unknown>> }> };
      };
      delete bad.result.releases[0]!.dependencies[0]!['specifier'];
      const error = await syncDocument(graph, 'solver', bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).message).toContain(
        "/result/releases/0/dependencies/0 must have required property 'specifier'",
      );
      expect(await graphStats(graph)).toEqual(before);
      expect(await graphVersion(graph)).toBe(version);
    });

    it('leaves the graph as it was when a sync fails mid-document', async () => {
      const before = await graphStats(graph);
      // The second release lists the same file twice: PostgreSQL refuses it after the first release
      // of the document has been written, inside the same transaction.
      const twice = release('idna', '3.7');
      twice.files.push(twice.files[0]!);
      const doc = solverDocument('solver-broken', [release('certifi', '2024.2.2'), twice]);
      await expect(syncDocument(graph, 'solver', doc)).rejects.toThrow(/graph query failed/);
      expect(await graphStats(graph)).toEqual(before);
    });

    it('syncs a batch from the artifact store, reporting an invalid document and going on', async () => {
      await docs.putDocument('solver', 'solver-flask', flask);
      await docs.putDocument('solver', 'solver-werkzeug', werkzeug);
      await store.put(`${docs.layout.prefix}/test/solver/solver-garbage`, '{"metadata": {}}');
      const result = await syncFromStore(graph, docs, { kinds: ['solver'] });
      expect(result.synced.map((s) => s.documentId)).toEqual(['solver-flask', 'solver-werkzeug']);
      expect(result.failed).toHaveLength(1);
      expect(result.failed[0]).toMatchObject({ documentId: 'solver-garbage', code: 'contract-violation' });
    });

    it('rebuilds the same graph from the artifact store alone (same counts and content hash)', async () => {
      const before = await graphStats(graph);
      const rebuilt = await rebuildGraph(graph, docs, { kinds: ['solver'] });
      expect(rebuilt.synced).toHaveLength(2);
      const after = await graphStats(graph);
      expect(after).toEqual(before);
      // A second, empty graph rebuilt from the same documents gives the same content too.
      await rebuildGraph(other, docs, { kinds: ['solver'] });
      const fresh = await graphStats(other);
      expect(fresh.contentHash).toBe(before.contentHash);
      expect(fresh.releases).toBe(before.releases);
    });

    it('syncs adviser documents of schema v1 and v2 (v2 adds the baseline, which the graph does not keep)', async () => {
      const example = (version: number, file: string, documentId: string): { metadata: object } => {
        const path = `../../schemas/examples/documents/advise-result.v${version}/${file}`;
        const doc = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
          metadata: { document_id: string; schema_version: number };
        };
        expect(doc.metadata.schema_version).toBe(version);
        doc.metadata.document_id = documentId;
        return doc;
      };
      await syncDocument(graph, 'adviser', example(1, 'valid-unresolved-dependencies.json', 'adviser-v1'));
      await syncDocument(graph, 'adviser', example(2, 'valid-success-with-baseline.json', 'adviser-v2'));
      const runs = await graph.query<{ document_id: string; need_re_run: boolean }>(
        `SELECT document_id, need_re_run FROM adviser_run WHERE document_id IN ('adviser-v1', 'adviser-v2')
         ORDER BY document_id`,
      );
      expect(runs).toEqual([
        { document_id: 'adviser-v1', need_re_run: true },
        { document_id: 'adviser-v2', need_re_run: false },
      ]);
      // The version decides the schema: a v2 document without its baseline fields is refused.
      const claimed = example(1, 'valid-success.json', 'adviser-claimed');
      (claimed.metadata as { schema_version: number }).schema_version = 2;
      await expect(syncDocument(graph, 'adviser', claimed)).rejects.toThrow(
        "/result must have required property 'baseline'",
      );
    });
  });
}
