// Storage of the embedded bus: partitioned append-only logs and committed group offsets, in memory and,
// when a directory is given, on disk so a restarted `thoth` resumes where it stopped.
//
// Layout under the directory:
//   topics/<topic>/topic.json            {"partitions": N}
//   topics/<topic>/<partition>.jsonl     one record per line: {"k": key|null, "v": base64 value, "h": headers, "t": time}
//   groups/<group>.json                  {"offsets": {"<topic>/<partition>": next offset}}
// A record's offset is its line number. A torn last line (a crash mid-append) is cut off on open.
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  existsSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { MessageBusError } from './errors.js';
import type { RecordHeaders } from './types.js';

/** One stored record. */
export interface StoredRecord {
  key: string | null;
  value: Buffer;
  headers: RecordHeaders;
  timestamp: string;
}

interface StoredLine {
  k: string | null;
  v: string;
  h: RecordHeaders;
  t: string;
}

/** One partition: its records and the consumers waiting for the next append. */
export class PartitionLog {
  readonly records: StoredRecord[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly file: string | undefined) {}

  /** Append a record and wake the waiting consumers; returns its offset. */
  append(record: StoredRecord): number {
    if (this.file !== undefined) {
      const line: StoredLine = {
        k: record.key,
        v: record.value.toString('base64'),
        h: record.headers,
        t: record.timestamp,
      };
      appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    }
    this.records.push(record);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return this.records.length - 1;
  }

  /** Resolves at the next append. */
  nextAppend(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Read a partition file; cut off a torn last line. */
  static load(file: string): PartitionLog {
    const log = new PartitionLog(file);
    if (!existsSync(file)) return log;
    const text = readFileSync(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    const lines = text.slice(0, end).split('\n');
    lines.pop();
    lines.forEach((raw, offset) => {
      let line: StoredLine;
      try {
        line = JSON.parse(raw) as StoredLine;
      } catch (error) {
        throw new MessageBusError(`embedded log ${file} is corrupt at offset ${offset}`, {
          cause: error,
          retriable: false,
          context: { file, offset: String(offset) },
        });
      }
      log.records.push({
        key: line.k,
        value: Buffer.from(line.v, 'base64'),
        headers: line.h,
        timestamp: line.t,
      });
    });
    return log;
  }
}

/** One topic: its partitions. */
export class TopicLog {
  /** Next partition for records without a key. */
  roundRobin = 0;
  constructor(
    readonly name: string,
    readonly partitions: PartitionLog[],
    private readonly directory: string | undefined,
  ) {}

  /** Raise the partition count (never lowered, as in Kafka). */
  grow(count: number): boolean {
    if (count <= this.partitions.length) return false;
    for (let p = this.partitions.length; p < count; p++) {
      this.partitions.push(
        new PartitionLog(this.directory === undefined ? undefined : join(this.directory, `${p}.jsonl`)),
      );
    }
    if (this.directory !== undefined)
      writeJsonAtomically(join(this.directory, 'topic.json'), { partitions: count });
    return true;
  }

  static create(name: string, partitions: number, root: string | undefined): TopicLog {
    const directory = root === undefined ? undefined : join(root, 'topics', name);
    if (directory !== undefined) mkdirSync(directory, { recursive: true });
    const topic = new TopicLog(name, [], directory);
    topic.grow(partitions);
    return topic;
  }

  /** Every topic stored under `root`. */
  static loadAll(root: string): TopicLog[] {
    const dir = join(root, 'topics');
    if (!existsSync(dir)) return [];
    return readdirSync(dir).map((name) => {
      const directory = join(dir, name);
      const { partitions } = JSON.parse(readFileSync(join(directory, 'topic.json'), 'utf8')) as {
        partitions: number;
      };
      const logs = Array.from({ length: partitions }, (_, p) =>
        PartitionLog.load(join(directory, `${p}.jsonl`)),
      );
      return new TopicLog(name, logs, directory);
    });
  }
}

/** Committed offsets of one consumer group: topic/partition → next offset to read. */
export class GroupOffsets {
  readonly offsets: Map<string, number>;

  private constructor(
    private readonly file: string | undefined,
    offsets: Map<string, number>,
  ) {
    this.offsets = offsets;
  }

  get(topic: string, partition: number): number | undefined {
    return this.offsets.get(`${topic}/${partition}`);
  }

  /** Commit: record `next` as the next offset to read, on disk before returning. */
  commit(topic: string, partition: number, next: number): void {
    this.offsets.set(`${topic}/${partition}`, next);
    if (this.file !== undefined)
      writeJsonAtomically(this.file, { offsets: Object.fromEntries(this.offsets) });
  }

  static open(group: string, root: string | undefined): GroupOffsets {
    if (root === undefined) return new GroupOffsets(undefined, new Map());
    const dir = join(root, 'groups');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${group}.json`);
    const stored = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { offsets: Record<string, number> }).offsets
      : {};
    return new GroupOffsets(file, new Map(Object.entries(stored)));
  }
}

// Write to a temporary file, then rename: a crash leaves the old or the new content, never half.
function writeJsonAtomically(file: string, data: unknown): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}
