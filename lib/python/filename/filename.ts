// Wheel and sdist file names, parsed with packaging.utils' rules (parse_wheel_filename,
// parse_sdist_filename): the name is normalized (PEP 503), the version must be PEP 440.
import { canonicalizeName, PY_WORD_CLASS, type NormalizedName } from '../name/index.js';
import { InvalidTagError, parseTag, type Tag } from '../tags/index.js';
import { parseVersion, type Version } from '../version/index.js';
import { InvalidSdistFilenameError, InvalidWheelFilenameError } from './errors.js';

/** A wheel build tag: the leading number and the rest (PEP 427 sorts by the number, then the rest). */
export interface BuildTag {
  number: number;
  suffix: string;
}

export interface WheelFilename {
  name: NormalizedName;
  version: Version;
  build: BuildTag | undefined;
  /** The expanded tag set (compressed sets like `py2.py3` expand to several tags). */
  tags: Tag[];
}

export interface SdistFilename {
  name: NormalizedName;
  version: Version;
}

// PEP 427 escaping leaves only word characters, dots and underscores in the project name.
const WHEEL_NAME = new RegExp(`^(?:${PY_WORD_CLASS}|[._])+$`, 'u');
// PEP 427: the build number must start with a digit.
const BUILD_TAG = /^([0-9]+)(.*)$/s;

function quote(text: string): string {
  return JSON.stringify(text);
}

/**
 * Parse `<name>-<version>(-<build>)?-<python>-<abi>-<platform>.whl`. With `validateOrder`, compressed
 * tag components must be sorted as PEP 425 asks.
 */
export function parseWheelFilename(
  filename: string,
  options: { validateOrder?: boolean } = {},
): WheelFilename {
  if (!filename.endsWith('.whl')) {
    throw new InvalidWheelFilenameError(
      filename,
      'extension',
      `Invalid wheel filename (extension must be '.whl'): ${quote(filename)}`,
    );
  }
  const stem = filename.slice(0, -4);
  const parts = stem.split('-');
  const dashes = parts.length - 1;
  if (dashes !== 4 && dashes !== 5) {
    throw new InvalidWheelFilenameError(
      filename,
      'part-count',
      `Invalid wheel filename (wrong number of parts, expected 5 or 6 separated by '-'): ${quote(filename)}`,
    );
  }
  const namePart = parts[0] as string;
  if (namePart.includes('__') || !WHEEL_NAME.test(namePart)) {
    throw new InvalidWheelFilenameError(filename, 'project-name', `Invalid project name: ${quote(filename)}`);
  }
  let version: Version;
  try {
    version = parseVersion(parts[1] as string);
  } catch (error) {
    throw new InvalidWheelFilenameError(
      filename,
      'version',
      `Invalid wheel filename (invalid version ${quote(parts[1] as string)}): ${quote(filename)}`,
      error,
    );
  }
  let build: BuildTag | undefined;
  if (dashes === 5) {
    const buildPart = parts[2] as string;
    const match = BUILD_TAG.exec(buildPart);
    if (match === null) {
      throw new InvalidWheelFilenameError(
        filename,
        'build-number',
        `Invalid build number: ${quote(buildPart)} in ${quote(filename)}`,
      );
    }
    build = { number: Number(match[1]), suffix: match[2] as string };
  }
  const tagText = parts.slice(dashes - 2).join('-');
  let tags: Tag[];
  try {
    tags = parseTag(tagText, { validateOrder: options.validateOrder });
  } catch (error) {
    if (!(error instanceof InvalidTagError)) throw error;
    const unsorted = error.message.includes('sorted order');
    throw new InvalidWheelFilenameError(
      filename,
      unsorted ? 'tag-order' : 'tag',
      unsorted
        ? `Invalid wheel filename (compressed tag set components must be in sorted order per PEP 425): ${quote(filename)}`
        : `Invalid wheel filename (invalid tag component: ${error.message}): ${quote(filename)}`,
      error,
    );
  }
  return { name: canonicalizeName(namePart), version, build, tags };
}

/** Parse `<name>-<version>.tar.gz` or `.zip`, splitting at the last dash (versions have none). */
export function parseSdistFilename(filename: string): SdistFilename {
  let stem: string;
  if (filename.endsWith('.tar.gz')) stem = filename.slice(0, -'.tar.gz'.length);
  else if (filename.endsWith('.zip')) stem = filename.slice(0, -'.zip'.length);
  else {
    throw new InvalidSdistFilenameError(
      filename,
      'extension',
      `Invalid sdist filename (extension must be '.tar.gz' or '.zip'): ${quote(filename)}`,
    );
  }
  const dash = stem.lastIndexOf('-');
  if (dash < 0) {
    throw new InvalidSdistFilenameError(
      filename,
      'missing-version',
      `Invalid sdist filename (no '-' between name and version): ${quote(filename)}`,
    );
  }
  const namePart = stem.slice(0, dash);
  if (namePart === '') {
    throw new InvalidSdistFilenameError(
      filename,
      'empty-name',
      `Invalid sdist filename (empty project name): ${quote(filename)}`,
    );
  }
  const versionPart = stem.slice(dash + 1);
  let version: Version;
  try {
    version = parseVersion(versionPart);
  } catch (error) {
    throw new InvalidSdistFilenameError(
      filename,
      'version',
      `Invalid sdist filename (invalid version ${quote(versionPart)}): ${quote(filename)}`,
      error,
    );
  }
  return { name: canonicalizeName(namePart), version };
}
