// Every lock writer, keyed by id: adding a format is one folder plus one line here.
import { writer as pipfileLock } from './pipfile-lock/index.js';
import { writer as pylockToml } from './pylock-toml/index.js';
import { writer as requirementsTxt } from './requirements-txt/index.js';
import type { LockWriter, WriterId } from './types.js';

export const WRITERS: ReadonlyMap<WriterId, LockWriter> = new Map<WriterId, LockWriter>([
  [requirementsTxt.id, requirementsTxt],
  [pipfileLock.id, pipfileLock],
  [pylockToml.id, pylockToml],
]);

/** The writer registered under `id`. */
export function getWriter(id: WriterId): LockWriter {
  return WRITERS.get(id) as LockWriter;
}
