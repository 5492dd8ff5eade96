// `thoth advise --argo-server URL`: the same advice from a cluster. The request document goes into the
// artifact store the cluster reads (THOTH_ARTIFACTS_URL=s3://…, THOTH_S3_PREFIX, THOTH_DEPLOYMENT as
// the cluster's), the thoth-advise WorkflowTemplate is submitted to the Argo server
// (lib/runtime/remote-advise.ts does the engine-agnostic part), a progress line follows it on a
// terminal, and the advise-result document it writes is returned for advise.ts to print and lock.
// The cluster learns what its graph lacks on its own (UnresolvedPackage → investigator); this
// command does not learn.
import { readFile } from 'node:fs/promises';
import type { AdviseRequest, DocumentOf, RuntimeEnvironment } from '../../lib/contracts/index.js';
import { InputError, ThothError } from '../../lib/errors/index.js';
import type { GraphStore, SqlExecutor } from '../../lib/graph/index.js';
import { openDocuments, openGraph } from '../../lib/runtime/config.js';
import type { RuntimeConfig } from '../../lib/runtime/config.js';
import { adviseRemotely, describeProgress } from '../../lib/runtime/remote-advise.js';
import type { ReaderId } from '../../lib/python/readers/index.js';
import type { WriterId } from '../../lib/python/writers/index.js';
import { ArgoWorkflowEngine } from '../../lib/workflows/argo/argo-engine.js';
import { ArgoRequestError, WorkflowWatchTimeoutError } from '../../lib/workflows/errors.js';
import type { OutputStreams } from '../output.js';
import type { ClusterFlags } from './advise-cluster-flags.js';

/** requirements_format of the request (schemas/common/requirements-format.v1.json) by reader. */
const REQUIREMENTS_FORMAT: Partial<Record<ReaderId, 'pip' | 'pipenv' | 'pyproject'>> = {
  'requirements-txt': 'pip',
  pipfile: 'pipenv',
  'pyproject-toml': 'pyproject',
};
/** The lock format the advise step reads from requirements_locked, by requirements_format. */
const LOCK_OF_FORMAT = { pip: 'requirements-txt', pipenv: 'pipfile-lock', pyproject: 'pylock-toml' } as const;

function seconds(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new InputError(`--timeout "${text}" must be a whole number of seconds ≥ 1`);
  return Number(text);
}

/** The bearer token: --argo-token-file, else ARGO_TOKEN (the argo CLI's; "Bearer " is optional). */
async function argoToken(flags: ClusterFlags, env: OutputStreams['env']): Promise<string | undefined> {
  if (flags.argoTokenFile !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.argoTokenFile, 'utf8');
    } catch (error) {
      throw new InputError(
        `--argo-token-file: cannot read ${flags.argoTokenFile}: ${(error as Error).message}`,
      );
    }
    const token = text.trim().replace(/^Bearer\s+/i, '');
    if (token === '') throw new InputError(`--argo-token-file ${flags.argoTokenFile} is empty`);
    return token;
  }
  const token = env['ARGO_TOKEN']?.trim().replace(/^Bearer\s+/i, '');
  return token === undefined || token === '' ? undefined : token;
}

/** Argo's refusals as one line that says what to fix; they are configuration, not a transient state. */
function explainRefusal(error: ArgoRequestError, server: string, namespace: string): InputError {
  const reason = error.message.replace(/^Argo server refused the request \(\d+\): /, '');
  const line =
    error.status === 401
      ? `the Argo server at ${server} did not accept the token (401): ${reason}; pass a ServiceAccount token with --argo-token-file FILE or ARGO_TOKEN`
      : error.status === 403
        ? `the Argo server at ${server} refused the token in namespace ${namespace} (403): ${reason}; it needs RBAC to submit and get workflows there`
        : error.status === 404
          ? `the Argo server at ${server} has no ${namespace}/thoth-advise WorkflowTemplate to submit (404): ${reason}; install the chart there or pass --namespace`
          : `the Argo server at ${server} refused the request (${error.status}): ${reason}`;
  return new InputError(line, { cause: error, context: { status: error.status, namespace } });
}

/** `--timeout` ran out; the workflow keeps running on the cluster and the same command follows it. */
class ClusterAdviseTimeoutError extends ThothError {
  constructor(workflow: string, timeoutSeconds: number, cause: unknown) {
    super(
      'workflow-watch-timeout',
      `workflow ${workflow} did not finish within ${timeoutSeconds} s (--timeout); it keeps running on the cluster, and the same command run again follows it`,
      { retriable: true, cause, context: { workflow, timeoutSeconds } },
    );
  }
}

export interface ClusterAdviseInput {
  flags: ClusterFlags & { argoServer: string };
  runtime: RuntimeConfig;
  /** The requirements file as given, its text, and the reader that read it. */
  requirements: { path: string; text: string; reader: ReaderId; includedFiles: readonly string[] };
  environment: RuntimeEnvironment;
  recommendationType: string;
  seed: number;
  count: number | undefined;
  labels: Record<string, string>;
  /** The user's current lock, when one was found (its file and format). */
  currentLock: { file: string; format: string } | undefined;
  /** The lock formats to write; pylock.toml needs file names the document alone may not carry. */
  formats: readonly WriterId[];
  /** .thoth.yaml prescriptions, which are not sent. */
  configPrescriptions: readonly string[] | undefined;
}

export interface ClusterAdvice {
  /** v1 or v2: the cluster's analyzer may be older than this CLI. */
  document: DocumentOf<'adviser'>;
  /** The cluster's graph when THOTH_GRAPH_URL names one (postgres://): lock file details; else undefined. */
  files: SqlExecutor | undefined;
  footer: string[];
  close(): Promise<void>;
}

/** Build the request, run thoth-advise on the Argo server and read its result. */
export async function adviseOnCluster(io: OutputStreams, input: ClusterAdviseInput): Promise<ClusterAdvice> {
  const { flags, runtime } = input;
  const server = flags.argoServer.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(server))
    throw new InputError(
      `--argo-server "${flags.argoServer}" must be an http(s) URL, e.g. https://argo.example.com:2746`,
    );
  const namespace = flags.namespace ?? io.env['THOTH_ARGO_NAMESPACE'];
  if (namespace === undefined || namespace === '')
    throw new InputError(
      '--namespace is required with --argo-server (the namespace holding the thoth-advise WorkflowTemplate; or set THOTH_ARGO_NAMESPACE)',
    );
  const timeout = seconds(flags.timeout);
  if (runtime.artifacts.kind !== 's3')
    throw new InputError(
      `--argo-server needs the cluster's artifact store: set THOTH_ARTIFACTS_URL=s3://<bucket> (and THOTH_S3_*), not ${runtime.artifacts.root}`,
    );
  const format = REQUIREMENTS_FORMAT[input.requirements.reader];
  if (format === undefined)
    throw new InputError(
      `${input.requirements.path}: a ${input.requirements.reader} file cannot be sent to a cluster; use requirements.txt, Pipfile or pyproject.toml`,
    );
  const included = input.requirements.includedFiles[0];
  if (included !== undefined)
    throw new InputError(
      `${input.requirements.path} includes ${included} (-r/-c); with --argo-server only the file's own text is sent: put the included requirements into it`,
    );
  const graphUrl = runtime.graph.kind === 'postgres' ? runtime.graph : undefined;
  if (input.formats.includes('pylock-toml') && graphUrl === undefined)
    throw new InputError(
      '--lock-format pylock needs file names and URLs the advise document does not carry: set THOTH_GRAPH_URL to the cluster graph (postgres://…) or choose requirements or pipfile-lock',
    );
  if (input.configPrescriptions !== undefined && input.configPrescriptions.length > 0)
    io.stderr.write('note: the prescriptions of .thoth.yaml are not sent; the cluster applies its own\n');

  let lockText: string | null = null;
  if (input.currentLock !== undefined) {
    if (input.currentLock.format === LOCK_OF_FORMAT[format])
      lockText = await readFile(input.currentLock.file, 'utf8');
    else
      io.stderr.write(
        `note: ${input.currentLock.file} is not sent as your current lock: the cluster reads a ${LOCK_OF_FORMAT[format]} lock beside ${format} requirements\n`,
      );
  }
  const request: AdviseRequest = {
    application_stack: {
      requirements: input.requirements.text,
      requirements_format: format,
      requirements_locked: lockText,
    },
    runtime_environment: input.environment,
    recommendation_type: input.recommendationType as AdviseRequest['recommendation_type'],
    seed: input.seed,
    ...(input.count === undefined ? {} : { limits: { count: input.count } }),
    ...(Object.keys(input.labels).length === 0 ? {} : { labels: input.labels }),
  };
  const parameters: Record<string, string> = {
    recommendation_type: input.recommendationType,
    requirements_format: format,
    python_version: input.environment.python_version,
    seed: String(input.seed),
    ...(input.count === undefined ? {} : { count: String(input.count) }),
  };

  const token = await argoToken(flags, io.env);
  const engine = new ArgoWorkflowEngine({
    baseUrl: server,
    namespace,
    ...(token === undefined ? {} : { token }),
  });
  const documents = openDocuments(runtime);
  const progress = io.stderr.isTTY === true;
  let name = '';
  let lastLine = '';
  try {
    const advice = await adviseRemotely({
      engine,
      documents,
      request,
      parameters,
      ...(flags.rerun === true ? { nonce: new Date().toISOString() } : {}),
      labels: { 'thoth-station.ninja/source-type': 'cli' },
      onSubmitted: (result) => {
        name = result.name;
      },
      watch: {
        timeoutMs: timeout * 1000,
        onUpdate: (status) => {
          if (!progress) return;
          lastLine = describeProgress(status);
          io.stderr.write(`\r${lastLine}\u001b[K`);
        },
      },
    });
    if (lastLine !== '') io.stderr.write('\n');
    const files: GraphStore | undefined = graphUrl === undefined ? undefined : await openGraph(graphUrl);
    return {
      document: advice.document,
      files,
      footer: [
        `advised by workflow ${advice.name} on ${server} (namespace ${namespace})${
          advice.outcome === 'already-exists'
            ? ', submitted before for the same request (--rerun advises anew)'
            : ''
        }`,
      ],
      close: async () => {
        await files?.close();
      },
    };
  } catch (error) {
    if (lastLine !== '') io.stderr.write('\n');
    if (error instanceof ArgoRequestError) throw explainRefusal(error, server, namespace);
    if (error instanceof WorkflowWatchTimeoutError) throw new ClusterAdviseTimeoutError(name, timeout, error);
    throw error;
  } finally {
    await engine.close();
    await documents.store.close();
  }
}

/** Why a cluster's run has no stack, from its document: the error, the request-level notes, what it learns. */
export function describeRemoteFailure(document: DocumentOf<'adviser'>): string[] {
  const { error, stack_info: stackInfo } = document.result;
  const lines = [error?.message ?? 'the cluster advised no stack'];
  for (const info of stackInfo)
    if (info.type !== 'info' && info.message !== error?.message) lines.push(`${info.type}: ${info.message}`);
  const missing = error?.unresolved.map((u) => u.name) ?? [];
  if (missing.length > 0)
    lines.push(
      `the cluster learns ${missing.join(', ')} now (UnresolvedPackage); run again with --rerun once it has`,
    );
  return lines;
}
