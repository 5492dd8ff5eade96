// Every project-file reader, keyed by id: adding a format is one folder plus one line here.
import { reader as pipfileLock } from './pipfile-lock/index.js';
import { reader as pipfile } from './pipfile/index.js';
import { reader as pyprojectToml } from './pyproject-toml/index.js';
import { reader as requirementsTxt } from './requirements-txt/index.js';
import type { ProjectFileReader, ReaderId } from './types.js';

export const READERS: ReadonlyMap<ReaderId, ProjectFileReader> = new Map<ReaderId, ProjectFileReader>([
  [requirementsTxt.id, requirementsTxt],
  [pipfile.id, pipfile],
  [pipfileLock.id, pipfileLock],
  [pyprojectToml.id, pyprojectToml],
]);

/** The reader registered under `id`. */
export function getReader(id: ReaderId): ProjectFileReader {
  return READERS.get(id) as ProjectFileReader;
}

/**
 * The reader for a file by its base name (`Pipfile`, `Pipfile.lock`, `pyproject.toml`), with any
 * `*.txt` / `*.in` file read as a requirements file; undefined when the name says nothing.
 */
export function readerForFileName(fileName: string): ProjectFileReader | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  for (const reader of READERS.values()) if (reader.fileNames.includes(base)) return reader;
  if (/\.(txt|in)$/i.test(base)) return requirementsTxt;
  return undefined;
}
