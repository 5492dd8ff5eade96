// The pure parts of remote advice: workflow names, the artifact prefix, which node a failure is blamed
// on (local-engine paths and Argo display names alike), the progress line. The whole path (store,
// submit, watch, read) runs end to end in test/workflows/advise-cluster.int.test.ts.
import { describe, expect, it } from 'vitest';
import type { AdviseRequest } from '../contracts/index.js';
import type { WorkflowNodeStatus, WorkflowStatus } from '../workflows/index.js';
import {
  AdviseWorkflowFailedError,
  adviseWorkflowName,
  artifactPrefixOf,
  describeProgress,
  failingNode,
} from './remote-advise.js';

const REQUEST: AdviseRequest = {
  application_stack: { requirements: 'idna==3.7\n', requirements_format: 'pip', requirements_locked: null },
  runtime_environment: { python_version: '3.11' },
  recommendation_type: 'latest',
  seed: 42,
};

function node(
  name: string,
  type: string,
  phase: WorkflowNodeStatus['phase'],
  extra = {},
): WorkflowNodeStatus {
  return { id: name, name, templateName: 'thoth-step-library/advise', type, phase, ...extra };
}

function status(
  phase: WorkflowStatus['phase'],
  nodes: WorkflowNodeStatus[],
  message?: string,
): WorkflowStatus {
  return {
    name: 'adviser-1a2b',
    phase,
    parameters: {},
    labels: {},
    nodes,
    ...(message === undefined ? {} : { message }),
  };
}

describe('adviseWorkflowName', () => {
  const base = adviseWorkflowName(REQUEST, { seed: '42' });
  it.each([
    ['the same request and parameters', REQUEST, { seed: '42' }, undefined, true],
    ['keys in another order', { ...REQUEST, seed: 42 }, { seed: '42' }, undefined, true],
    ['another requirement', { ...REQUEST, recommendation_type: 'stable' }, { seed: '42' }, undefined, false],
    ['another parameter', REQUEST, { seed: '7' }, undefined, false],
    ['a nonce (--rerun)', REQUEST, { seed: '42' }, '2024-05-01T00:00:00.000Z', false],
  ] as const)('%s → same name: %s', (_, request, parameters, nonce, same) => {
    const name = adviseWorkflowName(request as AdviseRequest, parameters, nonce);
    expect(name).toMatch(/^adviser-[0-9a-f]{16}$/);
    expect(name === base).toBe(same);
  });
});

describe('artifactPrefixOf', () => {
  it.each([
    [{ prefix: 'data', deployment: 'prod' }, 'data/prod'],
    [{ prefix: 'a/b', deployment: 'thoth-local' }, 'a/b/thoth-local'],
    [{ prefix: '', deployment: 'prod' }, 'prod'],
  ])('%o → %s (the thoth-advise artifact_prefix)', (layout, prefix) => {
    expect(artifactPrefixOf(layout)).toBe(prefix);
  });
});

describe('failingNode and AdviseWorkflowFailedError', () => {
  it.each([
    {
      case: 'the local engine: the last failed attempt of a retried task in a retried DAG',
      nodes: [
        node('adviser-1a2b', 'Retry', 'Failed', {
          message: 'task advise failed: exit code 75 (host-unavailable): down',
        }),
        node('adviser-1a2b(0).advise(0)', 'Pod', 'Failed', {
          exitCode: 75,
          message: 'first',
          finishedAt: '2024-05-01T10:00:01Z',
        }),
        node('adviser-1a2b(0).advise(1)', 'Pod', 'Failed', {
          exitCode: 75,
          message: 'exit code 75 (host-unavailable): down',
          finishedAt: '2024-05-01T10:00:09Z',
        }),
      ],
      line: 'workflow adviser-1a2b failed in advise: exit code 75 (host-unavailable): down',
      retriable: true,
    },
    {
      case: 'Argo: display names, a bad-input exit (final)',
      nodes: [
        node('advise(0)', 'Pod', 'Failed', { exitCode: 2, message: 'Error (exit code 2)' }),
        node('graph-sync', 'Skipped', 'Omitted'),
      ],
      line: 'workflow adviser-1a2b failed in advise: Error (exit code 2)',
      retriable: false,
    },
    {
      case: 'no leaf ran: the workflow message',
      nodes: [],
      line: 'workflow adviser-1a2b error: input artifact "request": nothing stored',
      retriable: false,
      message: 'input artifact "request": nothing stored',
      phase: 'Error' as const,
    },
  ])('$case', ({ nodes, line, retriable, message, phase }) => {
    const s = status(phase ?? 'Failed', nodes, message);
    const error = new AdviseWorkflowFailedError(s, failingNode(s));
    expect(error.message).toBe(line);
    expect(error.retriable).toBe(retriable);
    expect(error.code).toBe('advise-workflow-failed');
  });
});

describe('describeProgress', () => {
  it.each([
    [status('Pending', []), 'adviser-1a2b: Pending, 0/0 steps done'],
    [
      status('Running', [node('adviser-1a2b(0).advise(0)', 'Pod', 'Running')]),
      'adviser-1a2b: Running, 0/1 steps done, running advise',
    ],
    [
      status('Running', [
        node('adviser-1a2b(0).advise(0)', 'Pod', 'Succeeded'),
        node('adviser-1a2b(0).graph-sync(0)', 'Pod', 'Running'),
        node('adviser-1a2b(0).emit-unresolved', 'Skipped', 'Skipped'),
      ]),
      'adviser-1a2b: Running, 1/2 steps done, running graph-sync',
    ],
  ])('%#: %s', (s, line) => {
    expect(describeProgress(s)).toBe(line);
  });
});
