// `thoth workflows list|get|logs`: read pipeline runs. Locally they are the LocalWorkflowEngine's run
// records under THOTH_WORKFLOW_STATE_DIR (default $THOTH_HOME/workflows); with THOTH_ARGO_URL set,
// the workflows of the Argo server in THOTH_ARGO_NAMESPACE.
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../lib/errors/index.js';
import { DirectoryArtifactStore } from '../../lib/storage/index.js';
import {
  ArgoWorkflowEngine,
  LocalWorkflowEngine,
  loadWorkflowSources,
  WorkflowNotFoundError,
} from '../../lib/workflows/index.js';
import type { WorkflowEngine, WorkflowPhase } from '../../lib/workflows/index.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';

const PHASES: readonly WorkflowPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Error'];

/** The engine the environment names; the local one only reads records, so it needs no templates or steps. */
export async function openWorkflowEngine(env: OutputStreams['env']): Promise<WorkflowEngine> {
  const argoUrl = env['THOTH_ARGO_URL'];
  if (argoUrl !== undefined && argoUrl !== '') {
    if (!/^https?:\/\//.test(argoUrl)) {
      throw new InputError(`THOTH_ARGO_URL "${argoUrl}" must be an http(s) URL`);
    }
    const namespace = env['THOTH_ARGO_NAMESPACE'];
    if (namespace === undefined || namespace === '') {
      throw new InputError('THOTH_ARGO_NAMESPACE is required with THOTH_ARGO_URL');
    }
    const tokenFile = env['THOTH_ARGO_TOKEN_FILE'];
    const token =
      tokenFile === undefined || tokenFile === ''
        ? undefined
        : (
            await readFile(tokenFile, 'utf8').catch((error: unknown) => {
              throw new InputError(
                `cannot read THOTH_ARGO_TOKEN_FILE ${tokenFile}: ${(error as Error).message}`,
              );
            })
          ).trim();
    return new ArgoWorkflowEngine({ baseUrl: argoUrl, namespace, ...(token === undefined ? {} : { token }) });
  }
  const home = env['THOTH_HOME'] ?? join(homedir(), '.thoth');
  const stateDir = env['THOTH_WORKFLOW_STATE_DIR'] ?? join(home, 'workflows');
  return new LocalWorkflowEngine({
    catalogue: loadWorkflowSources([]),
    stateDir,
    // Never written: list, get and logs only read run records.
    store: new DirectoryArtifactStore(join(home, 'artifacts')),
    registry: new Map(),
  });
}

async function withEngine<T>(io: OutputStreams, use: (engine: WorkflowEngine) => Promise<T>): Promise<T> {
  const engine = await openWorkflowEngine(io.env);
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}

function notFound(name: string, engine: WorkflowEngine): InputError {
  return new InputError(`no workflow named "${name}" (${engine.kind} engine); see \`thoth workflows list\``, {
    context: { workflow: name },
  });
}

export function workflowsCommand(io: OutputStreams): Command {
  const workflows = new Command('workflows').description(
    'list pipeline runs and show their status and logs (local run records, or Argo when THOTH_ARGO_URL is set)',
  );

  workflows
    .command('list')
    .description('known workflows, newest first')
    .option('--phase <phase>', `only workflows in this phase (${PHASES.join(', ')})`)
    .option('--template <name>', 'only workflows submitted from this template')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print JSON')
    .action(async (flags: { phase?: string; template?: string; limit?: string; json?: boolean }) => {
      if (flags.phase !== undefined && !(PHASES as readonly string[]).includes(flags.phase)) {
        throw new InputError(`--phase "${flags.phase}" is not one of ${PHASES.join(', ')}`);
      }
      if (flags.limit !== undefined && !/^[1-9]\d*$/.test(flags.limit)) {
        throw new InputError(`--limit "${flags.limit}" must be a positive integer`);
      }
      await withEngine(io, async (engine) => {
        const list = await engine.list({
          ...(flags.phase === undefined ? {} : { phase: flags.phase as WorkflowPhase }),
          ...(flags.template === undefined ? {} : { template: flags.template }),
          ...(flags.limit === undefined ? {} : { limit: Number(flags.limit) }),
        });
        printResult(io, flags.json === true, list, () =>
          list.length === 0
            ? `no workflows (${engine.kind} engine)`
            : list
                .map((w) =>
                  [w.name, w.phase, w.template ?? '-', w.startedAt ?? '-', w.message ?? '']
                    .join('  ')
                    .trimEnd(),
                )
                .join('\n'),
        );
      });
    });

  workflows
    .command('get')
    .description("a workflow's status, parameters and nodes")
    .argument('<name>', 'workflow name')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }) => {
      await withEngine(io, async (engine) => {
        const status = await engine.get(name);
        if (status === undefined) throw notFound(name, engine);
        printResult(io, flags.json === true, status, () =>
          [
            `name        ${status.name}`,
            `template    ${status.template ?? '-'}`,
            `phase       ${status.phase}${status.message === undefined ? '' : ` (${status.message})`}`,
            `started     ${status.startedAt ?? '-'}`,
            `finished    ${status.finishedAt ?? '-'}`,
            ...Object.entries(status.parameters).map(([k, v]) => `parameter   ${k}=${v}`),
            'nodes:',
            ...status.nodes.map(
              (n) =>
                `  ${n.name}  ${n.type}  ${n.phase}${n.exitCode === undefined ? '' : `  exit ${n.exitCode}`}${
                  n.message === undefined ? '' : `  ${n.message}`
                }`,
            ),
          ].join('\n'),
        );
      });
    });

  workflows
    .command('logs')
    .description('log lines of every step of a workflow (or of one node)')
    .argument('<name>', 'workflow name')
    .option('--node <node>', 'only this node (display name or id)')
    .option('--json', 'print JSON lines as an array of {node, content}')
    .action(async (name: string, flags: { node?: string; json?: boolean }) => {
      await withEngine(io, async (engine) => {
        const lines = await engine
          .logs(name, flags.node === undefined ? {} : { node: flags.node })
          .catch((error: unknown) => {
            throw error instanceof WorkflowNotFoundError ? notFound(name, engine) : error;
          });
        printResult(io, flags.json === true, lines, () =>
          lines.map((l) => `${l.node}: ${l.content}`).join('\n'),
        );
      });
    });
  return workflows;
}
