// Building provenance findings: one constructor that fills every field of the v2 finding, links that
// point a reader at the release (PyPI's project page, or the simple page of another index), and the
// order findings are reported in (errors first, then warnings, then information).
import type { ProvenanceFinding } from './types.js';

type FindingId = ProvenanceFinding['id'];
type Severity = ProvenanceFinding['type'];

/** Where to read about a release: PyPI's release page, otherwise the index's PEP 503 project page. */
export function releaseLink(indexUrl: string | null, name: string, version: string): string | null {
  if (indexUrl === null) return null;
  if (/^https:\/\/pypi\.org\/simple$/i.test(indexUrl)) return `https://pypi.org/project/${name}/${version}/`;
  return `${indexUrl}/${name}/`;
}

/** pip's page on hash-checking mode, for locks that record no hashes. */
export const SECURE_INSTALLS_LINK = 'https://pip.pypa.io/en/stable/topics/secure-installs/';
/** PEP 592, for yanked releases. */
export const YANKED_LINK = 'https://peps.python.org/pep-0592/';

export interface FindingFields {
  packageName?: string | null;
  packageVersion?: string | null;
  indexUrl?: string | null;
  indexes?: readonly string[];
  sha256?: string | null;
  filename?: string | null;
  link?: string | null;
}

export function finding(
  type: Severity,
  id: FindingId,
  message: string,
  fields: FindingFields = {},
): ProvenanceFinding {
  return {
    type,
    id,
    message,
    package_name: fields.packageName ?? null,
    package_version: fields.packageVersion ?? null,
    index_url: fields.indexUrl ?? null,
    indexes: [...new Set(fields.indexes ?? [])],
    sha256: fields.sha256 ?? null,
    filename: fields.filename ?? null,
    link: fields.link ?? null,
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; lock order within a severity. */
export function sortFindings(findings: readonly ProvenanceFinding[]): ProvenanceFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.type] - RANK[b.f.type] || a.i - b.i)
    .map(({ f }) => f);
}
