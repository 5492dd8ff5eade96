// The provenance check (reference §10, the original's `thoth-adviser provenance`): for every package a
// lock installs from an index, is the index one the lock declares and the request allows, does it serve
// the pinned version, do the locked digests belong to files that index serves (a digest of another
// index's file is index shadowing / dependency confusion; a digest no index serves is a changed or
// replaced artifact), does the lock record digests at all, and is the release yanked. What indexes
// serve comes from the knowledge graph when it knows the release, else from the index itself.
import { computePipfileHash } from '../../python/writers/index.js';
import { normalizeIndexUrl } from './lock/index.js';
import { finding, releaseLink, SECURE_INSTALLS_LINK, sortFindings, YANKED_LINK } from './findings.js';
import type {
  ArtifactSource,
  LockedRelease,
  ProvenanceFinding,
  ProvenanceLock,
  ReleaseArtifacts,
} from './types.js';

export interface ProvenanceCheckInput {
  lock: ProvenanceLock;
  /** The knowledge graph's view of artifacts; asked first. */
  graph?: ArtifactSource;
  /** The indexes themselves; asked for declared indexes when the graph does not know the release. */
  index?: ArtifactSource;
  /** Indexes packages may come from (trailing slashes ignored); null allows every declared index. */
  allowedIndexes: readonly string[] | null;
  /** The Pipfile the Pipfile.lock was made from; its hash is compared with `_meta.hash`. */
  pipfile?: string;
}

/** A release the knowledge graph lacks (emit UnresolvedPackage for it). */
export interface ProvenanceGap {
  name: string;
  version: string;
  indexUrl: string;
}

export interface ProvenanceReport {
  allowedIndexes: string[] | null;
  /** Errors first, then warnings, then information. */
  findings: ProvenanceFinding[];
  /** Packages checked against at least one index's artifacts. */
  checked: number;
  /** Packages whose indexes neither the graph nor an index client could answer for. */
  unchecked: Array<{ name: string; version: string; indexUrl: string | null }>;
  /** Releases an index serves that the knowledge graph does not know. */
  gaps: ProvenanceGap[];
  /** Lock entries not installed from an index (VCS, paths, URLs), left unchecked. */
  directReferences: number;
}

interface Located {
  indexUrl: string;
  filename: string;
  sha256: string;
}

/** Observations of one package on every index worth asking, graph first. */
async function observe(
  input: ProvenanceCheckInput,
  pkg: LockedRelease,
  gaps: ProvenanceGap[],
): Promise<Map<string, ReleaseArtifacts | undefined>> {
  const declared = input.lock.sources.map((s) => s.url);
  const known = (await input.graph?.otherIndexes?.(pkg.name, pkg.version)) ?? [];
  const consulted = [...new Set([...(pkg.indexUrl === null ? [] : [pkg.indexUrl]), ...declared, ...known])];
  const out = new Map<string, ReleaseArtifacts | undefined>();
  for (const url of consulted) {
    let seen = await input.graph?.artifacts(pkg.name, pkg.version, url);
    // Only indexes the lock names are asked directly; others are known through the graph alone.
    if (seen === undefined && input.index !== undefined && (declared.includes(url) || url === pkg.indexUrl)) {
      seen = await input.index.artifacts(pkg.name, pkg.version, url);
      if (seen?.status === 'release' && input.graph !== undefined)
        gaps.push({ name: pkg.name, version: pkg.version, indexUrl: url });
    }
    out.set(url, seen);
  }
  return out;
}

function describeAbsence(seen: ReleaseArtifacts, pkg: LockedRelease): string {
  return seen.status === 'no-project'
    ? `it has no project ${pkg.name}`
    : `project ${pkg.name} there has no version ${pkg.version}`;
}

/**
 * Names the file a digest that no index serves was meant for, and the digest the index publishes
 * for it: by file name when the lock names its files (pylock.toml), else when exactly one unknown
 * digest and one unmatched file remain.
 */
function pairMismatch(
  pkg: LockedRelease,
  digest: string,
  unknownDigests: readonly string[],
  unmatched: readonly Located[],
): Located | undefined {
  const named = pkg.files.find((f) => f.sha256 === digest)?.filename;
  if (named !== undefined) return unmatched.find((f) => f.filename === named);
  if (unknownDigests.length === 1 && unmatched.length === 1) return unmatched[0];
  return undefined;
}

function checkPackage(
  input: ProvenanceCheckInput,
  pkg: LockedRelease,
  seen: ReadonlyMap<string, ReleaseArtifacts | undefined>,
): ProvenanceFinding[] {
  const out: ProvenanceFinding[] = [];
  const base = { packageName: pkg.name, packageVersion: pkg.version, indexUrl: pkg.indexUrl };
  const pinned = pkg.indexUrl;
  const hosting = [...seen.values()].filter((s): s is ReleaseArtifacts => s?.status === 'release');
  const located: Located[] = hosting.flatMap((s) => s.files.map((f) => ({ indexUrl: s.indexUrl, ...f })));
  const where = (digest: string): Located[] => located.filter((f) => f.sha256 === digest);
  const link = releaseLink(pinned ?? hosting[0]?.indexUrl ?? null, pkg.name, pkg.version);

  if (pkg.hashes.length === 0)
    out.push(
      finding(
        'warning',
        'missing-hashes',
        `${pkg.name} ${pkg.version}: the lock records no sha256 digest, so any file an index serves under this name and version would be installed`,
        { ...base, indexes: hosting.map((s) => s.indexUrl), link: SECURE_INSTALLS_LINK },
      ),
    );

  // The files the locked digests should come from: the pinned index's, else every hosting index's.
  const home = pinned === null ? hosting : hosting.filter((s) => s.indexUrl === pinned);
  const homeFiles = located.filter((f) => home.some((s) => s.indexUrl === f.indexUrl));
  if (pinned !== null) {
    const atPin = seen.get(pinned);
    if (atPin !== undefined && atPin.status !== 'release')
      out.push(
        finding(
          'error',
          'missing-package',
          `${pkg.name} ${pkg.version} is pinned to ${pinned}, but ${describeAbsence(atPin, pkg)}${
            hosting.length > 0 ? `; it is served by ${hosting.map((s) => s.indexUrl).join(', ')}` : ''
          }`,
          { ...base, indexes: hosting.map((s) => s.indexUrl), link },
        ),
      );
  } else if (hosting.length === 0 && [...seen.values()].every((s) => s !== undefined) && seen.size > 0) {
    out.push(
      finding(
        'error',
        'missing-package',
        `${pkg.name} ${pkg.version} is served by none of the lock's indexes (${[...seen.keys()].join(', ')})`,
        { ...base, link },
      ),
    );
  }

  const unknownDigests = pkg.hashes.filter((h) => where(h).length === 0);
  const unmatched = homeFiles.filter((f) => !pkg.hashes.includes(f.sha256));
  const alsoElsewhere = new Set<string>();
  for (const digest of pkg.hashes) {
    const found = where(digest);
    const atHome = found.filter((f) => home.some((s) => s.indexUrl === f.indexUrl));
    if (found.length === 0) {
      if (home.length === 0) continue; // nothing known to compare with (reported as unchecked or missing)
      const pair = pairMismatch(pkg, digest, unknownDigests, unmatched);
      const served = home.map((s) => s.indexUrl).join(', ');
      out.push(
        finding(
          'error',
          'invalid-artifact-hash',
          pair === undefined
            ? `${pkg.name} ${pkg.version}: the lock's sha256 ${digest} matches no file served by ${served} (files there: ${
                homeFiles.map((f) => `${f.filename} sha256 ${f.sha256}`).join(', ') || 'none'
              })`
            : `${pkg.name} ${pkg.version}: the lock has sha256 ${digest} for ${pair.filename}, but ${pair.indexUrl} serves it with sha256 ${pair.sha256}`,
          { ...base, sha256: digest, filename: pair?.filename ?? null, link },
        ),
      );
    } else if (pinned !== null && atHome.length === 0) {
      const elsewhere = found.map((f) => f.indexUrl);
      out.push(
        finding(
          'error',
          'artifact-different-source',
          `${pkg.name} ${pkg.version}: the lock's sha256 ${digest} is ${found[0]!.filename} from ${[
            ...new Set(elsewhere),
          ].join(', ')}, not a file of the pinned index ${pinned} (index shadowing or dependency confusion)`,
          { ...base, indexes: elsewhere, sha256: digest, filename: found[0]!.filename, link },
        ),
      );
    } else if (found.some((f) => !home.some((s) => s.indexUrl === f.indexUrl))) {
      alsoElsewhere.add(digest);
    }
  }
  if (pinned !== null && alsoElsewhere.size > 0) {
    const digest = [...alsoElsewhere][0]!;
    const others = located.filter((f) => alsoElsewhere.has(f.sha256) && f.indexUrl !== pinned);
    out.push(
      finding(
        'info',
        'artifact-possible-different-source',
        `${pkg.name} ${pkg.version}: identical files are also served by ${[
          ...new Set(others.map((f) => f.indexUrl)),
        ].join(', ')}`,
        { ...base, indexes: others.map((f) => f.indexUrl), sha256: digest, link },
      ),
    );
  }
  if (pinned === null && hosting.length > 1) {
    const digests = (s: ReleaseArtifacts): string =>
      s.files
        .map((f) => f.sha256)
        .sort()
        .join(' ');
    const differ = hosting.some((s) => digests(s) !== digests(hosting[0]!));
    out.push(
      differ
        ? finding(
            'warning',
            'different-artifacts-on-sources',
            `${pkg.name} ${pkg.version} is served with different files by ${hosting
              .map((s) => s.indexUrl)
              .join(
                ' and ',
              )}, and the lock pins no index: the installer may take either (dependency confusion)`,
            { ...base, indexes: hosting.map((s) => s.indexUrl), link },
          )
        : finding(
            'info',
            'artifact-possible-different-source',
            `${pkg.name} ${pkg.version}: identical files are served by ${hosting.map((s) => s.indexUrl).join(', ')}`,
            { ...base, indexes: hosting.map((s) => s.indexUrl), link },
          ),
    );
  }

  // Yanked where the locked files come from (PEP 592: an installer takes a yanked release only when pinned exactly).
  const sources = home.filter(
    (s) => pkg.hashes.length === 0 || s.files.some((f) => pkg.hashes.includes(f.sha256)),
  );
  const yanked = sources.find((s) => s.yanked);
  if (yanked !== undefined)
    out.push(
      finding(
        'warning',
        'yanked',
        `${pkg.name} ${pkg.version} is yanked on ${yanked.indexUrl}${
          yanked.yankedReason === null ? '' : `: ${yanked.yankedReason}`
        }`,
        { ...base, indexUrl: pinned ?? yanked.indexUrl, indexes: [yanked.indexUrl], link: YANKED_LINK },
      ),
    );
  return out;
}

/** Runs every check of one lock; host failures of an index propagate (retriable), nothing else throws. */
export async function checkProvenance(input: ProvenanceCheckInput): Promise<ProvenanceReport> {
  const { lock } = input;
  const allowed = input.allowedIndexes === null ? null : input.allowedIndexes.map(normalizeIndexUrl);
  const findings: ProvenanceFinding[] = [];
  const gaps: ProvenanceGap[] = [];
  const unchecked: ProvenanceReport['unchecked'] = [];
  let checked = 0;

  if (input.pipfile !== undefined && lock.format === 'pipfile-lock') {
    const expected = computePipfileHash(input.pipfile);
    if (lock.pipfileHash !== expected)
      findings.push(
        finding(
          'error',
          'invalid-lock-hash',
          `${lock.file}: _meta.hash is ${lock.pipfileHash ?? 'missing'}, but the Pipfile hashes to ${expected}: the lock was not made from this Pipfile`,
          { link: 'https://pipenv.pypa.io/en/latest/pipfile.html' },
        ),
      );
  }
  for (const source of lock.sources) {
    if (allowed !== null && !allowed.includes(source.url))
      findings.push(
        finding(
          'error',
          'source-not-allowed',
          `${lock.file}:${source.origin.line}: index ${source.url} is not one of the allowed indexes (${allowed.join(', ') || 'none'})`,
          { indexUrl: source.url },
        ),
      );
    if (!source.verifySsl)
      findings.push(
        finding(
          'warning',
          'insecure-source',
          `${lock.file}:${source.origin.line}: index ${source.url} has TLS verification disabled`,
          { indexUrl: source.url },
        ),
      );
  }
  await input.graph?.prefetch?.(lock.packages.map((p) => p.name));

  for (const pkg of lock.packages) {
    if (pkg.undeclaredIndex !== undefined)
      findings.push(
        finding(
          'error',
          'source-not-allowed',
          `${lock.file}:${pkg.origin.line}: ${pkg.name} ${pkg.version} names index "${pkg.undeclaredIndex}", which the lock does not declare in _meta.sources`,
          { packageName: pkg.name, packageVersion: pkg.version },
        ),
      );
    else if (
      pkg.indexUrl !== null &&
      allowed !== null &&
      !allowed.includes(pkg.indexUrl) &&
      !lock.sources.some((s) => s.url === pkg.indexUrl)
    )
      findings.push(
        finding(
          'error',
          'source-not-allowed',
          `${lock.file}:${pkg.origin.line}: ${pkg.name} ${pkg.version} comes from ${pkg.indexUrl}, which is not an allowed index`,
          { packageName: pkg.name, packageVersion: pkg.version, indexUrl: pkg.indexUrl },
        ),
      );
    const seen = await observe(input, pkg, gaps);
    const answered =
      pkg.indexUrl !== null
        ? seen.get(pkg.indexUrl) !== undefined
        : [...seen.values()].some((s) => s !== undefined);
    if (!answered) {
      unchecked.push({ name: pkg.name, version: pkg.version, indexUrl: pkg.indexUrl });
      continue;
    }
    checked++;
    findings.push(...checkPackage(input, pkg, seen));
  }
  return {
    allowedIndexes: allowed,
    findings: sortFindings(findings),
    checked,
    unchecked,
    gaps,
    directReferences: lock.directReferences.length,
  };
}
