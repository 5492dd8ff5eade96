// Public face of lib/python: Python packaging primitives (PEP 440, 503, 508, 425 and file names).
// Each module appends its export lines here.
export {
  canonicalizeName,
  isValidName,
  isNormalizedName,
  normalizeExtra,
  InvalidNameError,
} from './name/index.js';
export type { NormalizedName } from './name/index.js';
export {
  parseTag,
  makeTag,
  tagToString,
  InvalidTagError,
  platformTags,
  supportedTags,
} from './tags/index.js';
export { isCompatible, tagPriority, TagPriorities } from './tags/index.js';
export type { Tag, PlatformSpec, InterpreterSpec } from './tags/index.js';
export { parseWheelFilename, parseSdistFilename } from './filename/index.js';
export { InvalidWheelFilenameError, InvalidSdistFilenameError } from './filename/index.js';
export type { WheelFilename, SdistFilename, BuildTag } from './filename/index.js';
export {
  Marker,
  parseMarker,
  tryParseMarker,
  defaultEnvironment,
  ENVIRONMENT_MARKER_KEYS,
} from './marker/index.js';
export {
  InvalidMarkerError,
  UndefinedComparisonError,
  UndefinedEnvironmentNameError,
} from './marker/index.js';
export type { MarkerEnvironment, EvaluateContext, EnvironmentInputs } from './marker/index.js';
export {
  Requirement,
  parseRequirement,
  tryParseRequirement,
  InvalidRequirementError,
} from './requirement/index.js';
export { isPythonCompatible } from './requires-python/index.js';
export {
  Version,
  parseVersion,
  tryParseVersion,
  compareVersions,
  sortVersions,
  versionFromParts,
  InvalidVersionError,
} from './version/index.js';
export type { VersionNumber, PreReleaseLetter, LocalSegment, VersionParts } from './version/index.js';
export {
  Specifier,
  SpecifierSet,
  parseSpecifier,
  parseSpecifierSet,
  tryParseSpecifierSet,
  InvalidSpecifierError,
} from './specifier/index.js';
export type { SpecifierOperator, PrereleaseOptions, Interval } from './specifier/index.js';
export {
  READERS,
  getReader,
  readerForFileName,
  readRequirementsTxt,
  readPipfile,
  readPipfileLock,
  parsePipfileLock,
  readPyprojectToml,
  ProjectFileError,
} from './readers/index.js';
export type {
  ProjectFileErrorCode,
  PipfileLock,
  PipfileLockEntry,
  PipfileLockSource,
  BinaryPolicy,
  IndexSource,
  LoadedFile,
  PackageSwitch,
  ProjectFileReader,
  ProjectRequirement,
  ProjectRequirements,
  PythonRequirement,
  ReadContext,
  ReaderId,
  ReleasePolicy,
  RequirementGroup,
  RequirementKind,
  SourcePosition,
  UnsupportedDirective,
  VcsReference,
} from './readers/index.js';
export {
  WRITERS,
  getWriter,
  writeRequirementsTxt,
  writePipfileLock,
  writePylockToml,
  computePipfileHash,
  LockWriteError,
} from './writers/index.js';
export type {
  LockWriteErrorCode,
  DirectSource,
  LockedFile,
  LockedPackage,
  LockedSource,
  LockedStack,
  LockWriter,
  WriteOptions,
  WriterId,
} from './writers/index.js';
