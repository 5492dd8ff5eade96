// The corpus format: a frozen slice of an index (project pages plus the core metadata of each
// release) captured at an upload-time cutoff for a requirement set. On disk it is gzip'd JSON lines:
// line 1 is the header, then one project per line, sorted by normalized name, so a corpus is
// deterministic for the same capture and diffs stay readable after `zcat`.
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CorpusFormatError } from '../errors.js';

export const CORPUS_FORMAT = 'thoth-index-corpus';
export const CORPUS_FORMAT_VERSION = 1;

/** Line 1 of a corpus file. Wire names are snake_case (DESIGN.md). */
export interface CorpusHeader {
  format: typeof CORPUS_FORMAT;
  format_version: typeof CORPUS_FORMAT_VERSION;
  /** When the capture ran (ISO 8601). */
  captured_at: string;
  /** The index it was captured from (credentials removed). */
  index_url: string;
  /** Files uploaded after this instant (ISO 8601) were left out; null when there was no cutoff. */
  cutoff: string | null;
  /** The root requirements (PEP 508 strings) whose closure was walked. */
  requirements: string[];
  /**
   * Marker environments used to prune dependencies while walking; null means markers were ignored
   * (every dependency followed, except those behind extras nobody asked for).
   */
  environments: Record<string, string>[] | null;
  /**
   * `all`: every version of every reachable project (under the cutoff). `specifier`: only versions some
   * reachable requirement's specifier admits (pre-releases included); enough for any resolver, and far
   * smaller. Absent in old corpora means `all`.
   */
  version_scope?: 'all' | 'specifier';
  /** Number of project lines that follow. */
  project_count: number;
  /** Projects some requirement named that the index does not have (normalized names). */
  not_found?: string[];
}

/** One file of a project as the index listed it; the file itself is not kept. */
export interface CorpusFile {
  filename: string;
  /** sha256 of the original file, as the index published it. */
  sha256?: string;
  size?: number;
  upload_time?: string;
  requires_python?: string;
  /** true, or the yank reason (PEP 592); absent when not yanked. */
  yanked?: true | string;
  /** sha256 of the original PEP 658 metadata file, when the index advertised one with a hash. */
  core_metadata_sha256?: string;
}

/** What the capture learned about one release (one version). */
export interface CorpusRelease {
  /** The version, normalized (PEP 440) when it parses. */
  version: string;
  /** The file the metadata was read from (the release's "best" file). */
  metadata_file?: string;
  /** That file's core metadata, headers only (the long description is dropped to keep corpora small). */
  metadata?: string;
  /** Why there is no metadata: a needs-build reason or an error code, with one human sentence. */
  unavailable?: { reason: string; detail: string };
}

export interface CorpusProject {
  /** The name as the index spells it. */
  name: string;
  normalized_name: string;
  /** PEP 700 versions that have at least one file under the cutoff, in index order. */
  versions: string[];
  files: CorpusFile[];
  releases: CorpusRelease[];
}

export interface Corpus {
  header: CorpusHeader;
  /** By normalized name. */
  projects: Map<string, CorpusProject>;
}

/** Serialize a corpus to gzip'd JSON lines (deterministic: sorted projects, gzip mtime 0). */
export function encodeCorpus(corpus: Corpus): Buffer {
  const names = [...corpus.projects.keys()].sort();
  const header: CorpusHeader = { ...corpus.header, project_count: names.length };
  const lines = [JSON.stringify(header), ...names.map((n) => JSON.stringify(corpus.projects.get(n)))];
  return gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
}

/** Parse a corpus (gzip'd or plain JSON lines); throws CorpusFormatError naming `source` and the defect. */
export function decodeCorpus(bytes: Buffer, source: string): Corpus {
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  let text: string;
  try {
    text = (isGzip ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new CorpusFormatError(source, 'not a gzip stream', { cause: error });
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const parse = (line: string, number: number): unknown => {
    try {
      return JSON.parse(line);
    } catch (error) {
      throw new CorpusFormatError(source, `line ${number} is not JSON`, {
        cause: error,
        context: { line: number },
      });
    }
  };
  const header = parse(lines[0] ?? '', 1) as Partial<CorpusHeader> | null;
  if (header === null || typeof header !== 'object' || header.format !== CORPUS_FORMAT) {
    throw new CorpusFormatError(source, `line 1 is not a ${CORPUS_FORMAT} header`);
  }
  if (header.format_version !== CORPUS_FORMAT_VERSION) {
    throw new CorpusFormatError(
      source,
      `format_version ${String(header.format_version)} is not ${CORPUS_FORMAT_VERSION}`,
    );
  }
  const projects = new Map<string, CorpusProject>();
  for (let i = 1; i < lines.length; i++) {
    const project = parse(lines[i]!, i + 1) as Partial<CorpusProject> | null;
    if (
      project === null ||
      typeof project !== 'object' ||
      typeof project.normalized_name !== 'string' ||
      !Array.isArray(project.files) ||
      !Array.isArray(project.releases)
    ) {
      throw new CorpusFormatError(
        source,
        `line ${i + 1} is not a project (normalized_name, files, releases)`,
        {
          context: { line: i + 1 },
        },
      );
    }
    projects.set(project.normalized_name, project as CorpusProject);
  }
  if (header.project_count !== undefined && header.project_count !== projects.size) {
    throw new CorpusFormatError(
      source,
      `the header announces ${header.project_count} projects, the file has ${projects.size} (truncated?)`,
    );
  }
  return { header: header as CorpusHeader, projects };
}

/** Read a corpus file. */
export async function loadCorpus(path: string): Promise<Corpus> {
  return decodeCorpus(await readFile(path), path);
}

/** Write a corpus file. */
export async function writeCorpus(corpus: Corpus, path: string): Promise<void> {
  await writeFile(path, encodeCorpus(corpus));
}
