// Reads pip's requirements-file format (and constraints files, which share it) into ProjectRequirements:
// logical lines as pip builds them, options as pip's optparse table defines them, `-r`/`-c` includes
// through the caller's loader with pip's cycle rule, and each requirement classified as named, url,
// vcs or path. Behaviour follows pip 26's req_file.py; every divergence is a named quirk below.
import { canonicalizeName } from '../../name/index.js';
import { ProjectFileError } from '../errors.js';
import { readEditableText, readRequirementText, RequirementTextError } from '../requirement-entry.js';
import type {
  IndexSource,
  LoadedFile,
  PackageSwitch,
  ProjectRequirement,
  ProjectRequirements,
  ReadContext,
  SourcePosition,
  UnsupportedDirective,
} from '../types.js';
import { preprocess, type LogicalLine } from './logical-lines.js';
import {
  breakArgsOptions,
  OptionSyntaxError,
  parseOptions,
  shlexSplit,
  type ParsedOption,
} from './options.js';

// pip's STRONG_HASHES: the algorithms `--hash` accepts.
const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];

/** Mutable state shared by every file of one read (pip keeps it on the finder and options objects). */
interface ReadState {
  context: ReadContext;
  requirements: ProjectRequirement[];
  constraints: ProjectRequirement[];
  /** pip's finder.index_urls: `-i` replaces the whole list, `--extra-index-url` appends. */
  indexUrls: Array<{ url: string; origin: SourcePosition; isPrimary: boolean }>;
  noIndex: boolean;
  findLinks: string[];
  trustedHosts: string[];
  onlyBinary: Set<string>;
  noBinary: Set<string>;
  preferBinary: boolean;
  allReleases: Set<string>;
  onlyFinal: Set<string>;
  requireHashes: boolean;
  noRequireHashes: boolean;
  includedFiles: string[];
  unsupported: UnsupportedDirective[];
}

/** Where we are: the file, its physical lines and the logical line being handled. */
interface LineScope {
  file: string;
  physical: string[];
  line: LogicalLine;
}

function positionAt(scope: LineScope, offset: number): SourcePosition {
  const index = Math.min(Math.max(0, offset), scope.line.text.length);
  return {
    file: scope.file,
    line: scope.line.lines[index] ?? scope.line.line,
    column: scope.line.columns[index] ?? 1,
  };
}

function fail(
  scope: LineScope,
  reason: string,
  offset: number,
  length = 1,
  code:
    | 'invalid-requirements-file'
    | 'requirements-file-cycle'
    | 'requirements-file-not-found' = 'invalid-requirements-file',
): never {
  const position = positionAt(scope, offset);
  // Underline within the physical line only; a span crossing a `\` continuation stops at its end.
  const lineText = scope.physical[position.line - 1] ?? '';
  const endOffset = Math.min(scope.line.text.length, offset + length) - 1;
  const sameLineEnd =
    (scope.line.lines[endOffset] ?? position.line) === position.line
      ? (scope.line.columns[endOffset] ?? position.column)
      : lineText.length;
  throw new ProjectFileError(code, reason, {
    ...position,
    lineText,
    length: Math.max(1, sameLineEnd - position.column + 1),
  });
}

/** pip's FormatControl/ReleaseControl.handle_mutual_excludes over one option value. */
function applySwitch(value: string, target: Set<string>, other: Set<string>): void {
  const names = value.split(',');
  while (names.includes(':all:')) {
    other.clear();
    target.clear();
    target.add(':all:');
    names.splice(0, names.indexOf(':all:') + 1);
    // Without a later `:none:`, `:all:` covers whatever else was listed.
    if (!names.includes(':none:')) return;
  }
  for (const name of names) {
    if (name === ':none:') {
      target.clear();
      continue;
    }
    const canonical = canonicalizeName(name);
    other.delete(canonical);
    target.add(canonical);
  }
}

function toSwitch(set: Set<string>): PackageSwitch {
  return [...set].sort();
}

function report(state: ReadState, scope: LineScope, option: ParsedOption, reason: string): void {
  state.unsupported.push({ name: option.spelling, reason, origin: positionAt(scope, option.offset) });
}

function optionValue(scope: LineScope, option: ParsedOption): string {
  if (option.value === undefined) fail(scope, `${option.spelling} needs a value`, option.offset);
  return option.value;
}

/** Options on a line without a requirement: they change the finder (indexes, links, formats). */
function applyOptionLine(state: ReadState, scope: LineScope, options: ParsedOption[]): void {
  // pip applies them grouped by kind (handle_option_line), not in the order written on the line.
  const of = (id: ParsedOption['id']): ParsedOption[] => options.filter((o) => o.id === id);
  for (const option of of('hash'))
    report(state, scope, option, 'a --hash without a requirement on its line is ignored by pip');
  if (of('require-hashes').length > 0) state.requireHashes = true;
  if (of('no-require-hashes').length > 0) state.noRequireHashes = true;
  for (const option of of('use-feature'))
    report(state, scope, option, 'pip feature flags do not change what Thoth resolves');
  for (const option of of('config-settings'))
    report(state, scope, option, 'build backend settings apply to one requirement; this line has none');
  if (of('no-index').length > 0) {
    state.noIndex = true;
    state.indexUrls = [];
  }
  // optparse's `store` keeps the last `-i` of the line.
  const indexUrl = of('index-url').at(-1);
  if (indexUrl !== undefined && !state.noIndex) {
    // pip quirk: `-i` replaces the whole list, dropping any `--extra-index-url` read before it.
    state.indexUrls = [
      { url: optionValue(scope, indexUrl), origin: positionAt(scope, indexUrl.offset), isPrimary: true },
    ];
  }
  if (!state.noIndex) {
    for (const extra of of('extra-index-url'))
      state.indexUrls.push({
        url: optionValue(scope, extra),
        origin: positionAt(scope, extra.offset),
        isPrimary: false,
      });
  }
  // pip quirk: only the first `-f` of a line is used (handle_option_line reads find_links[0]).
  const [firstLink, ...otherLinks] = of('find-links');
  if (firstLink !== undefined) state.findLinks.push(optionValue(scope, firstLink));
  for (const option of otherLinks)
    report(state, scope, option, 'pip uses only the first --find-links of a line');
  for (const option of options) {
    if (option.id === 'no-binary') applySwitch(optionValue(scope, option), state.noBinary, state.onlyBinary);
    if (option.id === 'only-binary')
      applySwitch(optionValue(scope, option), state.onlyBinary, state.noBinary);
    if (option.id === 'all-releases')
      applySwitch(optionValue(scope, option), state.allReleases, state.onlyFinal);
    if (option.id === 'only-final')
      applySwitch(optionValue(scope, option), state.onlyFinal, state.allReleases);
    // `--pre` is pip's `--all-releases :all:`.
    if (option.id === 'pre') applySwitch(':all:', state.allReleases, state.onlyFinal);
    if (option.id === 'prefer-binary') state.preferBinary = true;
    if (option.id === 'trusted-host') state.trustedHosts.push(optionValue(scope, option));
  }
}

/** Checks one `--hash=algo:digest` value as pip's _handle_merge_hash does. */
function readHash(scope: LineScope, option: ParsedOption): string {
  const value = optionValue(scope, option);
  const colon = value.indexOf(':');
  const at = option.valueOffset ?? option.offset;
  if (colon < 0)
    fail(
      scope,
      `arguments to ${option.spelling} must be a hash name followed by a value, like --hash=sha256:abcde...`,
      at,
      value.length,
    );
  const algorithm = value.slice(0, colon);
  if (!STRONG_HASHES.includes(algorithm))
    fail(scope, `allowed hash algorithms for ${option.spelling} are ${STRONG_HASHES.join(', ')}`, at, colon);
  return value;
}

function readRequirementLine(
  state: ReadState,
  scope: LineScope,
  args: string,
  options: ParsedOption[],
  isConstraint: boolean,
): void {
  const editables = options.filter((o) => o.id === 'editable');
  const isEditable = editables.length > 0;
  // pip: the requirement is the args if any, else the first -e value (and then the line is editable either way).
  const editable = editables[0];
  const text = args !== '' ? args.trimEnd() : optionValue(scope, editable as ParsedOption);
  const textOffset = args !== '' ? 0 : ((editable as ParsedOption).valueOffset ?? 0);
  let fields;
  try {
    fields = isEditable ? readEditableText(text, textOffset) : readRequirementText(text, textOffset);
  } catch (error) {
    if (error instanceof RequirementTextError) fail(scope, error.message, error.offset, error.length);
    throw error;
  }
  const hashes: string[] = [];
  for (const option of options) {
    if (option === editable && args === '') continue;
    if (option.id === 'editable')
      report(state, scope, option, 'pip reads only one requirement per line; this -e value is ignored');
    else if (option.id === 'hash' && !isEditable) hashes.push(readHash(scope, option));
    else if (option.id === 'hash')
      report(state, scope, option, 'pip ignores --hash on an editable requirement');
    else if (option.id === 'config-settings')
      report(state, scope, option, 'build backend settings are not part of a Thoth resolution');
    else report(state, scope, option, 'pip ignores this option on a requirement line');
  }
  const entry: ProjectRequirement = {
    ...fields,
    text,
    editable: isEditable,
    hashes,
    group: { kind: 'default' },
    isConstraint,
    origin: positionAt(scope, textOffset),
  };
  (isConstraint ? state.constraints : state.requirements).push(entry);
}

function loadInclude(state: ReadState, scope: LineScope, option: ParsedOption, path: string): LoadedFile {
  const load = state.context.load;
  const at = option.valueOffset ?? option.offset;
  if (load === undefined)
    fail(
      scope,
      `cannot read ${path}: no file loader was given for includes`,
      at,
      path.length,
      'requirements-file-not-found',
    );
  const loaded = load(path, scope.file);
  if (loaded === undefined) {
    const kind = option.id === 'constraint' ? 'constraint' : 'requirements';
    fail(scope, `could not open ${kind} file: ${path}`, at, path.length, 'requirements-file-not-found');
  }
  return loaded;
}

/**
 * Reads one file. `ancestors` maps each file on the include chain to the file that included it
 * (pip's parsed_files_stack): a file may be included twice from different branches, but a file
 * including one of its own ancestors is a cycle.
 */
function readFile(
  state: ReadState,
  file: string,
  text: string,
  isConstraint: boolean,
  ancestors: Map<string, string | undefined>,
): void {
  const { physical, logical } = preprocess(text, state.context.env ?? {});
  for (const line of logical) {
    const scope: LineScope = { file, physical, line };
    const { args, options: optionText, optionsOffset } = breakArgsOptions(line.text);
    let parsed;
    try {
      parsed = parseOptions(shlexSplit(optionText, optionsOffset));
    } catch (error) {
      if (error instanceof OptionSyntaxError) fail(scope, error.message, error.offset, error.length);
      throw error;
    }
    for (const leftover of parsed.leftovers)
      state.unsupported.push({
        name: leftover.value,
        reason: 'pip ignores arguments after the options of a line',
        origin: positionAt(scope, leftover.offset),
      });
    const hasRequirement = args !== '' || parsed.options.some((o) => o.id === 'editable');
    if (hasRequirement) {
      readRequirementLine(state, scope, args, parsed.options, isConstraint);
      continue;
    }
    // pip reads a nested file instead of handling the line when it names one; `-r` wins over `-c`.
    const include =
      parsed.options.find((o) => o.id === 'requirement') ?? parsed.options.find((o) => o.id === 'constraint');
    if (include !== undefined) {
      const path = optionValue(scope, include);
      const loaded = loadInclude(state, scope, include, path);
      if (ancestors.has(loaded.file)) {
        const first = ancestors.get(loaded.file);
        const tail = first === undefined ? '' : ` and again in ${first}`;
        fail(
          scope,
          `${loaded.file} recursively references itself in ${file}${tail}`,
          include.valueOffset ?? include.offset,
          path.length,
          'requirements-file-cycle',
        );
      }
      if (!state.includedFiles.includes(loaded.file)) state.includedFiles.push(loaded.file);
      const nested = new Map(ancestors);
      nested.set(loaded.file, file);
      readFile(state, loaded.file, loaded.text, include.id === 'constraint', nested);
      continue;
    }
    applyOptionLine(state, scope, parsed.options);
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Reads a requirements (or constraints) file and every file it includes. */
export function readRequirementsTxt(text: string, context: ReadContext): ProjectRequirements {
  const state: ReadState = {
    context,
    requirements: [],
    constraints: [],
    indexUrls: [],
    noIndex: false,
    findLinks: [],
    trustedHosts: [],
    onlyBinary: new Set(),
    noBinary: new Set(),
    preferBinary: false,
    allReleases: new Set(),
    onlyFinal: new Set(),
    requireHashes: false,
    noRequireHashes: false,
    includedFiles: [],
    unsupported: [],
  };
  readFile(
    state,
    context.file,
    text,
    context.isConstraintFile === true,
    new Map([[context.file, undefined]]),
  );
  const trusted = new Set(state.trustedHosts);
  const indexes: IndexSource[] = state.indexUrls.map(({ url, origin, isPrimary }) => {
    const host = hostOf(url);
    const hostname = host?.replace(/:\d+$/, '');
    const isTrusted =
      host !== undefined && (trusted.has(host) || (hostname !== undefined && trusted.has(hostname)));
    return { url, verifySsl: !isTrusted, isPrimary, origin };
  });
  // pip turns on hash-checking mode as soon as one requirement has a hash, unless --no-require-hashes.
  const anyHash = state.requirements.some((r) => r.hashes.length > 0);
  return {
    format: 'requirements-txt',
    file: context.file,
    requirements: state.requirements,
    constraints: state.constraints,
    indexes,
    noIndex: state.noIndex,
    findLinks: state.findLinks,
    trustedHosts: state.trustedHosts,
    binary: {
      onlyBinary: toSwitch(state.onlyBinary),
      noBinary: toSwitch(state.noBinary),
      preferBinary: state.preferBinary,
    },
    releases: { allReleases: toSwitch(state.allReleases), onlyFinal: toSwitch(state.onlyFinal) },
    requireHashes: state.requireHashes || (anyHash && !state.noRequireHashes),
    python: {},
    includedFiles: state.includedFiles,
    unsupported: state.unsupported,
  };
}
