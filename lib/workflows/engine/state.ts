// Run records of the local engine: one JSON file per workflow under a state directory
// (`<state>/<name>.json`), plus per-node directories and logs under `<state>/<name>/`. Any process
// that knows the state directory (`thoth workflows list|get|logs`) reads them. Creating a record is
// exclusive (O_EXCL), so a duplicate submission fails even across processes.
import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowStatus } from '../types.js';

export interface RunRecord extends WorkflowStatus {
  /** Record format version. */
  version: 1;
  resourceKind: 'WorkflowTemplate' | 'CronWorkflow';
  createdAt: string;
}

export class RunStateStore {
  constructor(readonly dir: string) {}

  recordPath(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  /** Directory for a workflow's node inputs, outputs and logs. */
  runDir(name: string): string {
    return join(this.dir, name);
  }

  logPath(name: string, nodeId: string): string {
    return join(this.runDir(name), 'logs', `${nodeId}.log`);
  }

  /** Create the record; false when one with that name exists already. */
  async create(record: RunRecord): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    try {
      const handle = await open(this.recordPath(record.name), 'wx');
      await handle.writeFile(`${JSON.stringify(record, null, 2)}\n`);
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** Replace the record atomically (write a temporary file, rename). */
  async write(record: RunRecord): Promise<void> {
    const tmp = join(this.dir, `.${record.name}.${process.pid}.tmp`);
    await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`);
    await rename(tmp, this.recordPath(record.name));
  }

  async read(name: string): Promise<RunRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.recordPath(name), 'utf8')) as RunRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(): Promise<RunRecord[]> {
    let files: string[];
    try {
      files = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const names = files.filter((f) => f.endsWith('.json') && !f.startsWith('.')).map((f) => f.slice(0, -5));
    const records = await Promise.all(names.map((n) => this.read(n)));
    return records.filter((r): r is RunRecord => r !== undefined);
  }
}
