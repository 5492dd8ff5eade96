// The revision of an embedded graph, readable without opening it: a small file beside the PGlite data
// directory (`<dataDir>.revision`) that changes before and after every write. Opening PGlite costs about
// a second, so a warm `thoth advise` answers from a query cache (query-cache.ts) whose entries are valid
// only while this file still holds the revision they were read at.
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Path of the revision file of a PGlite data directory. */
export function revisionFileOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.revision`;
}

/** The revision stored beside `dataDir`, or undefined when there is none (never written, unreadable). */
export function readRevision(dataDir: string): string | undefined {
  try {
    const text = readFileSync(revisionFileOf(dataDir), 'utf8').trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Store a fresh revision (write to a temporary file, then rename: readers see the old or the new one). */
export function writeNewRevision(dataDir: string): string {
  const revision = randomUUID();
  const file = revisionFileOf(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${revision}\n`);
  renameSync(temporary, file);
  return revision;
}

// Statements that cannot change data. Anything else (INSERT, UPDATE, DELETE, DDL, a WITH that writes,
// a function call with side effects through SELECT is not used by Thoth) counts as a write.
const READ_ONLY = /^\s*(?:--[^\n]*\n\s*)*(?:SELECT|SHOW|EXPLAIN)\b/i;
const WITH_WRITE = /^\s*WITH\b[\s\S]*\b(?:INSERT|UPDATE|DELETE|MERGE)\b/i;
const WITH_READ = /^\s*WITH\b/i;

/** True when `sql` only reads (so it leaves the revision as it is). */
export function isReadOnlyStatement(sql: string): boolean {
  if (READ_ONLY.test(sql)) return true;
  return WITH_READ.test(sql) && !WITH_WRITE.test(sql);
}
