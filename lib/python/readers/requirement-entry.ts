// Turns the requirement part of a project-file entry into ProjectRequirement fields, telling named
// PEP 508 requirements from direct URLs, VCS checkouts and local paths the way pip's
// req/constructors.py does (parse_req_from_line, parse_editable), without touching the file system.
import { InvalidMarkerError, parseMarker } from '../marker/index.js';
import { canonicalizeName } from '../name/index.js';
import { InvalidRequirementError, parseRequirement } from '../requirement/index.js';
import {
  classifyUrl,
  eggFragment,
  fileNameOf,
  isArchiveName,
  isInstallableUrl,
  isVcsUrl,
  looksLikePath,
  urlScheme,
  VCS_SCHEMES,
  wheelProjectName,
} from './direct-reference.js';
import type { ProjectRequirement } from './types.js';

/** The parts of a ProjectRequirement that come from the requirement text itself. */
export type RequirementFields = Pick<
  ProjectRequirement,
  'kind' | 'name' | 'canonicalName' | 'specifier' | 'extras' | 'marker' | 'url' | 'vcs' | 'path'
>;

/** A requirement text that pip would refuse; `offset`/`length` locate the bad span in the text. */
export class RequirementTextError extends Error {
  readonly offset: number;
  readonly length: number;
  constructor(message: string, offset: number, length: number) {
    super(message);
    this.offset = offset;
    this.length = length;
  }
}

// pip's _strip_extras: a trailing `[extras]` on a path.
const TRAILING_EXTRAS = /^(.+)(\[[^\]]+\])$/s;

function withName(fields: RequirementFields, name: string | undefined): RequirementFields {
  if (name === undefined) return fields;
  return { ...fields, name, canonicalName: canonicalizeName(name) };
}

/** Parses a PEP 508 requirement, re-throwing its error with the span as offsets into `text` + `base`. */
function parseNamed(text: string, base: number): RequirementFields {
  let requirement;
  try {
    requirement = parseRequirement(text);
  } catch (error) {
    if (error instanceof InvalidRequirementError) {
      const [start, end] = error.span;
      const reason =
        (error.cause instanceof Error ? error.cause.message : error.message).split('\n')[0] ?? '';
      throw new RequirementTextError(
        `invalid requirement: ${reason}`,
        base + start,
        Math.max(1, end - start),
      );
    }
    throw error;
  }
  const fields: RequirementFields = {
    kind: 'named',
    specifier: requirement.specifier.toString(),
    extras: [...requirement.extras],
  };
  if (requirement.marker !== undefined) fields.marker = requirement.marker.toString();
  if (requirement.url !== undefined) {
    const reference = classifyUrl(requirement.url);
    fields.kind = reference.kind;
    fields.url = reference.url;
    if (reference.vcs !== undefined) fields.vcs = reference.vcs;
    if (reference.path !== undefined) fields.path = reference.path;
  }
  return withName(fields, requirement.name);
}

function parseExtrasOf(extrasText: string, offset: number): string[] {
  // pip parses `[a,b]` by prefixing a placeholder name, so the same PEP 508 rules apply to extras.
  try {
    return [...parseRequirement(`placeholder${extrasText}`).extras];
  } catch (error) {
    if (error instanceof InvalidRequirementError)
      throw new RequirementTextError('invalid extras', offset, extrasText.length);
    throw error;
  }
}

function parseMarkerText(text: string, offset: number): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return parseMarker(trimmed).toString();
  } catch (error) {
    if (error instanceof InvalidMarkerError) {
      const lead = text.length - text.trimStart().length;
      const [start, end] = error.span;
      const reason =
        (error.cause instanceof Error ? error.cause.message : error.message).split('\n')[0] ?? '';
      throw new RequirementTextError(
        `invalid marker: ${reason}`,
        offset + lead + start,
        Math.max(1, end - start),
      );
    }
    throw error;
  }
}

/** A bare URL line (`https://…/x.whl`, `git+https://…#egg=x`), with pip's `; ` marker separator. */
function parseBareUrl(text: string, base: number): RequirementFields {
  const separator = text.indexOf('; ');
  const url = (separator < 0 ? text : text.slice(0, separator)).trim();
  const reference = classifyUrl(url);
  const fields: RequirementFields = { kind: reference.kind, specifier: '', extras: [], url: reference.url };
  if (reference.vcs !== undefined) fields.vcs = reference.vcs;
  if (reference.path !== undefined) fields.path = reference.path;
  if (separator >= 0) {
    const marker = parseMarkerText(text.slice(separator + 2), base + separator + 2);
    if (marker !== undefined) fields.marker = marker;
  }
  return withName(fields, reference.impliedName);
}

/** A local path line (`./pkg[extra]`, `dist/x-1.0-py3-none-any.whl ; marker`). */
function parseBarePath(
  pathText: string,
  markerText: string | undefined,
  base: number,
  markerBase: number,
): RequirementFields {
  const trimmed = pathText.trim();
  const lead = pathText.length - pathText.trimStart().length;
  const match = TRAILING_EXTRAS.exec(trimmed);
  const path = match?.[1] ?? trimmed;
  const fields: RequirementFields = { kind: 'path', specifier: '', extras: [], url: path, path };
  if (match?.[2] !== undefined) fields.extras = parseExtrasOf(match[2], base + lead + path.length);
  if (markerText !== undefined) {
    const marker = parseMarkerText(markerText, markerBase);
    if (marker !== undefined) fields.marker = marker;
  }
  return withName(fields, wheelProjectName(fileNameOf(path)));
}

/**
 * Reads a requirement written on a requirements-file line (pip's parse_req_from_line): a bare URL, a
 * local path, or a PEP 508 requirement (which may itself be `name @ url`). `base` is the offset of
 * `text` in the logical line, so error offsets point into the line.
 */
export function readRequirementText(text: string, base = 0): RequirementFields {
  if (isInstallableUrl(text)) return parseBareUrl(text, base);
  const semicolon = text.indexOf(';');
  const head = semicolon < 0 ? text : text.slice(0, semicolon);
  const trimmedHead = head.trim();
  // pip treats something that looks like a path or an archive as a path, unless it is `name @ url`
  // (the part before `@` not looking like a path), which is a PEP 508 direct reference.
  const at = trimmedHead.indexOf('@');
  const isPep508Url = at > 0 && !looksLikePath(trimmedHead.slice(0, at));
  if (!isPep508Url && (looksLikePath(trimmedHead) || isArchiveName(trimmedHead))) {
    return parseBarePath(
      head,
      semicolon < 0 ? undefined : text.slice(semicolon + 1),
      base,
      base + semicolon + 1,
    );
  }
  return parseNamed(text, base);
}

/**
 * Reads the value of `-e/--editable` (pip's parse_editable): `name[extras] @ vcs-or-file-url ; marker`,
 * a VCS URL naming itself with `#egg=`, or a local project path with optional `[extras]`.
 */
export function readEditableText(text: string, base = 0): RequirementFields {
  const at = text.indexOf('@');
  if (at > 0 && !looksLikePath(text.slice(0, at)) && !isInstallableUrl(text)) {
    const fields = parseNamed(text, base);
    if (fields.kind !== 'vcs' && fields.kind !== 'path') throw notEditable(text, base);
    return fields;
  }
  const match = TRAILING_EXTRAS.exec(text);
  const withoutExtras = match?.[1] ?? text;
  const extras = match?.[2] === undefined ? [] : parseExtrasOf(match[2], base + withoutExtras.length);
  if (urlScheme(withoutExtras) === 'file' || !urlScheme(withoutExtras)) {
    const reference = classifyUrl(withoutExtras);
    const path = reference.path ?? withoutExtras;
    return withName(
      { kind: 'path', specifier: '', extras, url: withoutExtras, path },
      eggFragment(withoutExtras),
    );
  }
  // pip accepts `git:…` and prefixes it to `git+git:…`; other bare VCS names likewise.
  let url = withoutExtras;
  for (const vcs of ['git', 'hg', 'svn', 'bzr']) {
    if (url.toLowerCase().startsWith(`${vcs}:`)) url = `${vcs}+${url}`;
  }
  if (!isVcsUrl(url)) throw notEditable(text, base);
  const reference = classifyUrl(url);
  const name = eggFragment(url);
  if (name === undefined)
    throw new RequirementTextError(
      `could not detect requirement name for '${text}', please specify one with your_package_name @ URL`,
      base,
      text.length,
    );
  return withName(
    { kind: 'vcs', specifier: '', extras, url, ...(reference.vcs ? { vcs: reference.vcs } : {}) },
    name,
  );
}

function notEditable(text: string, base: number): RequirementTextError {
  return new RequirementTextError(
    `${text} is not a valid editable requirement: it should be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')})`,
    base,
    text.length,
  );
}

/** Reads a PEP 508 requirement string from a TOML array (pyproject.toml), classifying any `@ url`. */
export function readPep508Text(text: string): RequirementFields {
  return parseNamed(text, 0);
}
