// package-update: check that known releases and their files are still on their index with the same
// hashes. Each finding is announced once: the step records it in the graph (is_missing on releases,
// present=false on files), which makes the condition "already known" for the next run.
import pLimit from 'p-limit';
import { markFileAbsent, setMissing } from '../graph/index.js';
import type { SqlExecutor } from '../graph/index.js';
import type { HttpClient } from '../index/index.js';
import { knownPackageNames, knownReleases } from './known.js';
import type { KnownReleaseState } from './known.js';
import { fetchProjectPage, pageReleases } from './pages.js';
import { hashMismatchMessage, missingPackageMessage, missingVersionMessage } from './messages.js';
import type { ArtifactHash, FreshnessMessage } from './messages.js';

export const DETECTED_BY = 'package-update';

export interface UpdateOptions {
  indexUrl: string;
  http: HttpClient;
  /** Only these packages (normalized names); default every package with a release on the index. */
  names?: readonly string[];
  concurrency?: number;
}

/** A graph change that records a finding; applied after the messages are written. */
export type Finding =
  | { kind: 'package-missing'; name: string }
  | { kind: 'version-missing'; name: string; version: string }
  | { kind: 'files-absent'; name: string; version: string; filenames: string[] }
  | { kind: 'version-back'; name: string; version: string };

export interface UpdateResult {
  checkedPackages: number;
  checkedReleases: number;
  messages: FreshnessMessage[];
  findings: Finding[];
}

function checkRelease(
  indexUrl: string,
  known: KnownReleaseState,
  files: Map<string, string | undefined>,
): { message?: FreshnessMessage; absent: string[] } {
  const id = { name: known.name, version: known.version, indexUrl };
  const published = new Set([...files].map(([filename, sha256]) => `${filename}\n${sha256 ?? ''}`));
  // Only files still believed present can raise a mismatch: one already marked absent was announced.
  const missingFromSource: ArtifactHash[] = [];
  const absent: string[] = [];
  for (const file of known.files) {
    if (!file.present || file.sha256 === null) continue;
    if (!published.has(`${file.filename}\n${file.sha256}`)) {
      missingFromSource.push({ filename: file.filename, sha256: file.sha256 });
      absent.push(file.filename);
    }
  }
  if (missingFromSource.length === 0) return { absent };
  // For context: what the index lists that the graph has never recorded (re-uploads, new files).
  const recorded = new Set(known.files.map((f) => `${f.filename}\n${f.sha256 ?? ''}`));
  const missingFromDatabase: ArtifactHash[] = [...files]
    .filter(([filename, sha256]) => sha256 !== undefined && !recorded.has(`${filename}\n${sha256}`))
    .map(([filename, sha256]) => ({ filename, sha256: sha256! }));
  return { message: hashMismatchMessage(id, missingFromSource, missingFromDatabase), absent };
}

export async function checkKnownReleases(db: SqlExecutor, options: UpdateOptions): Promise<UpdateResult> {
  const names = options.names ?? (await knownPackageNames(db, options.indexUrl));
  const known = await knownReleases(db, options.indexUrl, names);
  const limit = pLimit(options.concurrency ?? 8);
  let checkedReleases = 0;
  const perPackage = await Promise.all(
    [...known].map(([name, releases]) =>
      limit(async (): Promise<{ messages: FreshnessMessage[]; findings: Finding[] }> => {
        const messages: FreshnessMessage[] = [];
        const findings: Finding[] = [];
        const lookup = await fetchProjectPage(options.http, options.indexUrl, name);
        if (lookup.kind === 'not-found') {
          // Announce only when something of it was still believed to exist.
          if (releases.some((r) => !r.isMissing)) {
            messages.push(missingPackageMessage(name, options.indexUrl, DETECTED_BY));
            findings.push({ kind: 'package-missing', name });
          }
          return { messages, findings };
        }
        if (lookup.kind !== 'page') return { messages, findings };
        const onIndex = pageReleases(lookup.page);
        for (const release of releases) {
          checkedReleases++;
          const listed = onIndex.get(release.normalizedVersion);
          if (listed === undefined) {
            if (!release.isMissing) {
              messages.push(
                missingVersionMessage(
                  { name, version: release.version, indexUrl: options.indexUrl },
                  DETECTED_BY,
                ),
              );
              findings.push({ kind: 'version-missing', name, version: release.version });
            }
            continue;
          }
          // Back on the index (a removal undone, a project restored): clear the flag quietly.
          if (release.isMissing) findings.push({ kind: 'version-back', name, version: release.version });
          const { message, absent } = checkRelease(options.indexUrl, release, listed.files);
          if (message !== undefined) {
            messages.push(message);
            findings.push({ kind: 'files-absent', name, version: release.version, filenames: absent });
          }
        }
        return { messages, findings };
      }),
    ),
  );
  return {
    checkedPackages: known.size,
    checkedReleases,
    messages: perPackage.flatMap((p) => p.messages),
    findings: perPackage.flatMap((p) => p.findings),
  };
}

/** Record the findings in one transaction so the next run sees them as known. */
export async function applyFindings(
  db: SqlExecutor,
  indexUrl: string,
  findings: readonly Finding[],
): Promise<void> {
  for (const finding of findings) {
    switch (finding.kind) {
      case 'package-missing':
        await setMissing(db, { name: finding.name, indexUrl });
        break;
      case 'version-missing':
        await setMissing(db, { name: finding.name, version: finding.version, indexUrl });
        break;
      case 'version-back':
        await setMissing(db, { name: finding.name, version: finding.version, indexUrl }, false);
        break;
      case 'files-absent':
        for (const filename of finding.filenames) {
          await markFileAbsent(db, { name: finding.name, version: finding.version, indexUrl }, filename);
        }
        break;
    }
  }
}
