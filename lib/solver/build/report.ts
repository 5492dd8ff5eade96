// From pip's installation report (`pip install --dry-run --report`, format version 1) back to core
// metadata. pip puts each distribution's metadata in the report as the JSON form of PEP 566 §"JSON-
// compatible metadata" (keys lowercased with '_', multiple-use fields as lists, the body as
// `description`); turning it back into METADATA headers lets lib/index's one parser read it.
import { MetadataParseError, parseCoreMetadata } from '../../index/index.js';
import type { CoreMetadata } from '../../index/index.js';

/** Header spellings whose capitalization the key alone does not give (PEP 566 names). */
const HEADER_NAMES: Record<string, string> = {
  home_page: 'Home-page',
  download_url: 'Download-URL',
  project_url: 'Project-URL',
};

/** The `metadata` object of the single `install` entry of a pip report. */
export function reportMetadata(report: unknown, filename: string): Record<string, unknown> {
  const install = (report as { install?: unknown } | null)?.install;
  if (!Array.isArray(install) || install.length !== 1) {
    throw new MetadataParseError(
      filename,
      `pip's report lists ${Array.isArray(install) ? install.length : 'no'} distributions, expected 1`,
    );
  }
  const metadata = (install[0] as { metadata?: unknown } | null)?.metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new MetadataParseError(filename, "pip's report has no metadata object");
  }
  return metadata as Record<string, unknown>;
}

/** PEP 566 JSON metadata as METADATA text: one header per value, folded lines, the body last. */
export function jsonMetadataToText(metadata: Record<string, unknown>): string {
  const lines: string[] = [];
  const header = (key: string): string =>
    HEADER_NAMES[key] ??
    key
      .split('_')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('-');
  // Metadata-Version first, as every writer puts it.
  const keys = Object.keys(metadata).sort((a, b) =>
    a === 'metadata_version' ? -1 : b === 'metadata_version' ? 1 : 0,
  );
  for (const key of keys) {
    if (key === 'description') continue;
    const value = metadata[key];
    // PEP 566: keywords become a list in JSON; in METADATA they are one comma-separated line.
    const values =
      key === 'keywords' && Array.isArray(value) ? [value.join(',')] : Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      // RFC 822 folding: continuation lines start with whitespace.
      lines.push(`${header(key)}: ${String(item).replace(/\r?\n/g, '\n        ')}`);
    }
  }
  const body = typeof metadata['description'] === 'string' ? metadata['description'] : '';
  return `${lines.join('\n')}\n\n${body}`;
}

/** Parse the report pip wrote for one sdist; throws MetadataParseError when it holds no usable metadata. */
export function metadataFromReport(reportText: string, filename: string): CoreMetadata {
  let report: unknown;
  try {
    report = JSON.parse(reportText);
  } catch (error) {
    throw new MetadataParseError(filename, `pip's report is not JSON: ${(error as Error).message}`);
  }
  const text = jsonMetadataToText(reportMetadata(report, filename));
  return parseCoreMetadata(text, { filename, source: 'sdist-build' });
}
