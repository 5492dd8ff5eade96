// Test implementations of the WorkflowEngine port that record submissions instead of running them:
// the same contract as Argo and the local engine for what the investigator relies on (a taken name
// answers `already-exists`), plus a phase per workflow the tests can set for the job follow-up.
import { HostError } from '../../errors/index.js';
import type { SqlExecutor } from '../../graph/index.js';
import type {
  SubmitRequest,
  SubmitResult,
  WorkflowEngine,
  WorkflowPhase,
  WorkflowStatus,
  WorkflowSummary,
} from '../../workflows/index.js';

export interface RecordedSubmission {
  name: string;
  template: string;
  parameters: Record<string, string>;
  labels: Record<string, string>;
}

function statusOf(record: RecordedSubmission, phase: WorkflowPhase): WorkflowStatus {
  return {
    name: record.name,
    template: record.template,
    phase,
    parameters: record.parameters,
    labels: record.labels,
    nodes: [],
  };
}

/** In memory, one process. */
export class RecordingWorkflowEngine implements WorkflowEngine {
  readonly kind = 'recording';
  readonly workflows = new Map<string, RecordedSubmission>();
  readonly phases = new Map<string, WorkflowPhase>();
  /** Every submit call in order, including refused duplicates. */
  readonly calls: { name: string; outcome: SubmitResult['outcome'] }[] = [];
  /** Fail this many next submits with a retriable HostError (an engine outage). */
  failNext = 0;

  submit(request: SubmitRequest): Promise<SubmitResult> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new HostError('recording-engine', 'engine unavailable'));
    }
    const outcome = this.workflows.has(request.name) ? 'already-exists' : 'submitted';
    if (outcome === 'submitted') {
      this.workflows.set(request.name, {
        name: request.name,
        template: request.template,
        parameters: { ...request.parameters },
        labels: { ...request.labels },
      });
      this.phases.set(request.name, 'Running');
    }
    this.calls.push({ name: request.name, outcome });
    return Promise.resolve({ outcome, name: request.name });
  }

  get(name: string): Promise<WorkflowStatus | undefined> {
    const record = this.workflows.get(name);
    return Promise.resolve(
      record === undefined ? undefined : statusOf(record, this.phases.get(name) ?? 'Running'),
    );
  }

  async watch(name: string): Promise<WorkflowStatus> {
    const status = await this.get(name);
    if (status === undefined) throw new Error(`no workflow ${name}`);
    return status;
  }

  logs(): Promise<never[]> {
    return Promise.resolve([]);
  }

  list(): Promise<WorkflowSummary[]> {
    return Promise.resolve(
      [...this.workflows.values()].map((r) => ({ name: r.name, template: r.template, phase: 'Running' })),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Shared by several processes through a PostgreSQL table (the crash tests run consumers as child
 * processes): `recorded_workflow` holds one row per name and counts every submit call.
 */
export class PgRecordingWorkflowEngine implements WorkflowEngine {
  readonly kind = 'pg-recording';

  constructor(private readonly db: SqlExecutor) {}

  static async create(db: SqlExecutor): Promise<PgRecordingWorkflowEngine> {
    await db.exec(`CREATE TABLE IF NOT EXISTS recorded_workflow (
      name text PRIMARY KEY, template text NOT NULL, parameters jsonb NOT NULL,
      phase text NOT NULL DEFAULT 'Running', submit_calls integer NOT NULL DEFAULT 1)`);
    return new PgRecordingWorkflowEngine(db);
  }

  async submit(request: SubmitRequest): Promise<SubmitResult> {
    const [row] = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO recorded_workflow (name, template, parameters) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (name) DO UPDATE SET submit_calls = recorded_workflow.submit_calls + 1
       RETURNING (xmax = 0) AS inserted`,
      [request.name, request.template, JSON.stringify(request.parameters ?? {})],
    );
    return { outcome: row?.inserted === true ? 'submitted' : 'already-exists', name: request.name };
  }

  async get(name: string): Promise<WorkflowStatus | undefined> {
    const [row] = await this.db.query<{
      template: string;
      parameters: Record<string, string>;
      phase: WorkflowPhase;
    }>('SELECT template, parameters, phase FROM recorded_workflow WHERE name = $1', [name]);
    return row === undefined
      ? undefined
      : statusOf({ name, template: row.template, parameters: row.parameters, labels: {} }, row.phase);
  }

  async watch(name: string): Promise<WorkflowStatus> {
    const status = await this.get(name);
    if (status === undefined) throw new Error(`no workflow ${name}`);
    return status;
  }

  logs(): Promise<never[]> {
    return Promise.resolve([]);
  }

  async list(): Promise<WorkflowSummary[]> {
    const rows = await this.db.query<{ name: string; template: string; phase: WorkflowPhase }>(
      'SELECT name, template, phase FROM recorded_workflow ORDER BY name',
    );
    return rows;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
