// The advise-result document of a local run (the adviser's outcome plus the envelope the caller
// owns), validated against schemas/documents/advise-result.v2.json, with a deterministic id: the
// same requirements, environment and parameters give the same document id.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
// Modules, not the lib/adviser barrel: that one also loads provenance (the index client, undici).
import { adviseResultDocument } from '../adviser/document.js';
import type { AdviseOutcome } from '../adviser/index.js';
import type { AdviserDocumentV2 } from '../contracts/index.js';
import { parseDocument } from '../contracts/index.js';
import { workflowName } from '../workflows/names.js';

export interface AdviserRunContext {
  documentId?: string;
  analyzerVersion: string;
  deployment: string;
  startedAt: Date;
  durationSeconds: number;
  arguments: Record<string, unknown>;
}

/** `adviser-<hash>` of the run's arguments (requirements, environment, parameters). */
export function adviserDocumentId(args: Record<string, unknown>): string {
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex');
  return workflowName('adviser', key);
}

export function adviserDocument(outcome: AdviseOutcome, context: AdviserRunContext): AdviserDocumentV2 {
  const document = adviseResultDocument(
    {
      analyzer: 'thoth-adviser',
      analyzer_version: context.analyzerVersion,
      document_id: context.documentId ?? adviserDocumentId(context.arguments),
      datetime: context.startedAt.toISOString(),
      duration: Math.max(0, context.durationSeconds),
      arguments: context.arguments,
      environment: {
        deployment: context.deployment,
        hostname: hostname(),
        node_version: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
      },
    },
    outcome,
  );
  return parseDocument('adviser', document) as AdviserDocumentV2;
}
