// Core metadata (METADATA, PKG-INFO, PEP 658 `.metadata`) parsed leniently as RFC 822-style headers,
// the way Python's email.parser (compat32) reads them: `Key: value` lines, continuation lines that start
// with a space or tab, the first empty line ends the headers and the rest is the long description.
import { canonicalizeName } from '../python/name/index.js';
import { MetadataParseError } from './errors.js';
import type { CoreMetadata, MetadataSource } from './types.js';

const HEADER = /^([\x21-\x39\x3b-\x7e]+):[ \t]*(.*)$/;

/** Decode metadata bytes: UTF-8 when valid (PEP 566), else Latin-1 (old PKG-INFO files in the wild). */
export function decodeMetadata(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = Buffer.from(bytes).toString('latin1');
  }
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

export interface ParseMetadataOptions {
  /** The distribution file the text belongs to; named in errors and kept in the result. */
  filename: string;
  source: MetadataSource;
  /**
   * When given, the metadata `Name` must normalize to this project name (PEP 503); a mismatch means
   * the index served another project's metadata.
   */
  expectedProject?: string;
}

/** Parse core metadata text or bytes; throws MetadataParseError naming the file and the defect. */
export function parseCoreMetadata(input: string | Uint8Array, options: ParseMetadataOptions): CoreMetadata {
  const text = typeof input === 'string' ? input : decodeMetadata(input);
  const fail = (reason: string): never => {
    throw new MetadataParseError(options.filename, reason);
  };
  if (text.trim() === '') fail('the metadata is empty');
  if (text.includes('\0')) fail('the metadata contains NUL bytes (binary data, not a metadata file)');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines[0] ?? '';
  if (!HEADER.test(first)) fail(`the first line is not a header: ${JSON.stringify(first.slice(0, 60))}`);

  const fields: Record<string, string[]> = {};
  let current: { key: string; parts: string[] } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const isDescription = current.key === 'description';
    const value = isDescription ? current.parts.join('\n') : current.parts.join(' ').trim();
    (fields[current.key] ??= []).push(value);
    current = undefined;
  };
  let bodyStart = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      bodyStart = i + 1;
      break;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && current !== undefined) {
      // Folded continuation. Description continuation lines carry a 7- or 8-space indent and an
      // optional `|` (setuptools' folding), removed as packaging does.
      current.parts.push(current.key === 'description' ? unfoldDescriptionLine(line) : line.trim());
      continue;
    }
    const match = HEADER.exec(line);
    if (match === null) {
      // compat32 treats a non-header line inside the headers as the start of the body (a defect).
      bodyStart = i;
      break;
    }
    flush();
    current = { key: match[1]!.toLowerCase(), parts: [match[2]!.trimEnd()] };
  }
  flush();
  const body = lines.slice(bodyStart).join('\n');
  if (body.trim() !== '' && fields['description'] === undefined) fields['description'] = [body];

  const one = (key: string): string | undefined => {
    const value = fields[key]?.[0]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const name = one('name') ?? fail('there is no Name field');
  const version = one('version') ?? fail('there is no Version field');
  if (
    options.expectedProject !== undefined &&
    canonicalizeName(name) !== canonicalizeName(options.expectedProject)
  ) {
    fail(
      `Name is ${JSON.stringify(name)} but the file belongs to project ${JSON.stringify(options.expectedProject)}`,
    );
  }
  const many = (key: string): string[] => (fields[key] ?? []).map((v) => v.trim()).filter((v) => v !== '');
  return {
    kind: 'metadata',
    metadataVersion: one('metadata-version') ?? '1.0',
    name,
    version,
    requiresPython: one('requires-python'),
    requiresDist: many('requires-dist'),
    providesExtra: many('provides-extra'),
    dynamic: many('dynamic').map((v) => v.toLowerCase()),
    summary: one('summary'),
    fields,
    text,
    source: options.source,
    filename: options.filename,
  };
}

function unfoldDescriptionLine(line: string): string {
  const stripped = line.replace(/^ {1,8}|^\t/, '');
  return stripped.startsWith('|') ? stripped.slice(1) : stripped;
}

/**
 * Compare two Metadata-Version strings numerically (`2.10` > `2.2`); PEP 643 needs ">= 2.2".
 * Non-numeric parts count as 0, which makes a garbled version look old (the safe direction).
 */
export function compareMetadataVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The headers of a metadata text without the long description (the `Description` header and the body),
 * for corpora: the description is most of the bytes and no resolver reads it.
 */
export function stripDescription(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && kept.length > 0) {
      if (!skipping) kept.push(line);
      continue;
    }
    const match = HEADER.exec(line);
    if (match === null) break;
    skipping = match[1]!.toLowerCase() === 'description';
    if (!skipping) kept.push(line);
  }
  return kept.join('\n') + '\n';
}
