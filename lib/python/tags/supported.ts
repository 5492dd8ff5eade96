// The ordered list of tags an interpreter supports, as packaging.tags.sys_tags() yields it on the
// described target: the interpreter-specific tags (cpython_tags or generic_tags), then compatible_tags.
// Earlier is better; a wheel's priority is the index of its best tag.
import { makeTag, tagToString, type Tag } from './tag.js';
import { platformTags, type PlatformSpec } from './platforms.js';

/** PEP 425 short names of implementations (packaging's INTERPRETER_SHORT_NAMES). */
export const INTERPRETER_SHORT_NAMES: Readonly<Record<string, string>> = {
  python: 'py',
  cpython: 'cp',
  pypy: 'pp',
  ironpython: 'ip',
  jython: 'jy',
};

/** The interpreter part of a target. */
export interface InterpreterSpec {
  /** sys.implementation.name: "cpython", "pypy", "graalpy", … */
  implementation: string;
  /** The Python language version, sys.version_info[:2], e.g. [3, 12]. */
  pythonVersion: readonly [number, number];
  /** The `py_version_nodot` config variable; defaults to major and minor joined ("312"). */
  versionNodot?: string;
  /** CPython built with Py_DEBUG (ABI flag `d`). */
  debug?: boolean;
  /** CPython 3.13+ built with --disable-gil (ABI flag `t`; abi3t instead of abi3). */
  freeThreaded?: boolean;
  /** CPython < 3.8 built with pymalloc (ABI flag `m`); true by default. */
  pymalloc?: boolean;
  /** CPython < 3.3 with 4-byte Unicode (ABI flag `u`); true by default. */
  wideUnicode?: boolean;
  /**
   * The interpreter's own ABI tags. Computed from the flags above for CPython; for other implementations
   * the ABI from EXT_SUFFIX, e.g. ["pypy310_pp73"] for PyPy 7.3 on Python 3.10.
   */
  abis?: readonly string[];
}

function nodot(version: readonly number[]): string {
  return version.join('');
}

/** packaging's `_cpython_abis` for explicit build flags. */
export function cpythonAbis(spec: InterpreterSpec): string[] {
  const [major, minor] = spec.pythonVersion;
  const atLeast = (a: number, b: number): boolean => major > a || (major === a && minor >= b);
  const version = nodot(spec.pythonVersion);
  const debug = spec.debug === true ? 'd' : '';
  const threading = atLeast(3, 13) && spec.freeThreaded === true ? 't' : '';
  let pymalloc = '';
  let ucs4 = '';
  const abis: string[] = [];
  if (!atLeast(3, 8)) {
    if (spec.pymalloc !== false) pymalloc = 'm';
    if (!atLeast(3, 3) && spec.wideUnicode !== false) ucs4 = 'u';
  } else if (debug !== '') {
    // Debug builds can also load normal extension modules.
    abis.push(`cp${version}${threading}`);
  }
  abis.unshift(`cp${version}${threading}${debug}${pymalloc}${ucs4}`);
  return abis;
}

/** packaging's cpython_tags(python_version, abis, platforms). */
export function cpythonTags(
  pythonVersion: readonly number[],
  abis: readonly string[],
  platforms: readonly string[],
): Tag[] {
  const tags: Tag[] = [];
  const interpreter = `cp${nodot(pythonVersion.slice(0, 2))}`;
  const first = abis[0] ?? '';
  const threading = /^cp\d+/.test(first) && first.replace(/^cp\d+/, '').includes('t');
  const explicit = threading ? ['abi3', 'abi3t', 'none'] : ['abi3', 'none'];
  // Python's list.remove drops the first occurrence only.
  const ownAbis = [...abis];
  for (const abi of explicit) {
    const index = ownAbis.indexOf(abi);
    if (index >= 0) ownAbis.splice(index, 1);
  }
  for (const abi of ownAbis) for (const platform of platforms) tags.push(makeTag(interpreter, abi, platform));
  const [major, minor] = [pythonVersion[0] ?? 0, pythonVersion[1]];
  const hasStableAbi = minor !== undefined && (major > 3 || (major === 3 && minor >= 2));
  const useAbi3 = hasStableAbi && !threading;
  const useAbi3t = hasStableAbi && threading;
  if (useAbi3) for (const platform of platforms) tags.push(makeTag(interpreter, 'abi3', platform));
  if (useAbi3t) for (const platform of platforms) tags.push(makeTag(interpreter, 'abi3t', platform));
  for (const platform of platforms) tags.push(makeTag(interpreter, 'none', platform));
  if ((useAbi3 || useAbi3t) && minor !== undefined) {
    // Stable-ABI wheels built for older minors down to 3.2 (PEP 384) still load.
    for (let older = minor - 1; older > 1; older -= 1) {
      for (const platform of platforms) {
        const olderInterpreter = `cp${major}${older}`;
        if (useAbi3) tags.push(makeTag(olderInterpreter, 'abi3', platform));
        if (useAbi3t) tags.push(makeTag(olderInterpreter, 'abi3t', platform));
      }
    }
  }
  return tags;
}

/** packaging's generic_tags(interpreter, abis, platforms): `none` is added when missing. */
export function genericTags(
  interpreter: string,
  abis: readonly string[],
  platforms: readonly string[],
): Tag[] {
  const allAbis = abis.includes('none') ? [...abis] : [...abis, 'none'];
  const tags: Tag[] = [];
  for (const abi of allAbis) for (const platform of platforms) tags.push(makeTag(interpreter, abi, platform));
  return tags;
}

function pyInterpreterRange(pythonVersion: readonly number[]): string[] {
  const [major, minor] = pythonVersion;
  const range: string[] = [];
  if (minor !== undefined) range.push(`py${major}${minor}`);
  range.push(`py${major}`);
  if (minor !== undefined)
    for (let older = minor - 1; older >= 0; older -= 1) range.push(`py${major}${older}`);
  return range;
}

/** packaging's compatible_tags: py*-none-<platform>, then <interpreter>-none-any, then py*-none-any. */
export function compatibleTags(
  pythonVersion: readonly number[],
  interpreter: string | undefined,
  platforms: readonly string[],
): Tag[] {
  const tags: Tag[] = [];
  const range = pyInterpreterRange(pythonVersion);
  for (const version of range)
    for (const platform of platforms) tags.push(makeTag(version, 'none', platform));
  if (interpreter) tags.push(makeTag(interpreter, 'none', 'any'));
  for (const version of range) tags.push(makeTag(version, 'none', 'any'));
  return tags;
}

/** Every tag the described interpreter supports on the described platform, best first (sys_tags). */
export function supportedTags(interpreter: InterpreterSpec, platform: PlatformSpec): Tag[] {
  const platforms = platformTags(platform);
  const shortName = INTERPRETER_SHORT_NAMES[interpreter.implementation] ?? interpreter.implementation;
  const versionNodot = interpreter.versionNodot ?? nodot(interpreter.pythonVersion);
  const tags =
    shortName === 'cp'
      ? cpythonTags(interpreter.pythonVersion, interpreter.abis ?? cpythonAbis(interpreter), platforms)
      : genericTags(`${shortName}${versionNodot}`, interpreter.abis ?? [], platforms);
  const compatibleInterpreter =
    shortName === 'pp' ? 'pp3' : shortName === 'cp' ? `cp${versionNodot}` : undefined;
  return [...tags, ...compatibleTags(interpreter.pythonVersion, compatibleInterpreter, platforms)];
}

/**
 * The rank of every supported tag (its first index), for choosing between wheels: lower is better.
 * Duplicates keep their first position, as packaging's create_compatible_tags_selector.
 */
export class TagPriorities {
  private readonly ranks = new Map<string, number>();

  constructor(supported: readonly Tag[]) {
    supported.forEach((tag, index) => {
      const key = tagToString(tag);
      if (!this.ranks.has(key)) this.ranks.set(key, index);
    });
  }

  /** The rank of the best supported tag among `tags`, or undefined when none is supported. */
  priority(tags: readonly Tag[]): number | undefined {
    let best: number | undefined;
    for (const tag of tags) {
      const rank = this.ranks.get(tagToString(tag));
      if (rank !== undefined && (best === undefined || rank < best)) best = rank;
    }
    return best;
  }

  /** True when any of `tags` is supported. */
  isCompatible(tags: readonly Tag[]): boolean {
    return this.priority(tags) !== undefined;
  }
}

/** True when any of `tags` (e.g. a wheel's) is in `supported`. */
export function isCompatible(tags: readonly Tag[], supported: readonly Tag[]): boolean {
  return new TagPriorities(supported).isCompatible(tags);
}

/** The index in `supported` of the best of `tags`, or undefined when none is supported; lower is better. */
export function tagPriority(tags: readonly Tag[], supported: readonly Tag[]): number | undefined {
  return new TagPriorities(supported).priority(tags);
}
