// Public face of lib/python/tags: PEP 425 tags, compressed tag sets, and the ordered tag list a target
// interpreter supports (packaging.tags.sys_tags for explicit inputs).
export { parseTag, makeTag, tagToString, InvalidTagError } from './tag.js';
export type { Tag } from './tag.js';
export {
  platformTags,
  manylinuxPlatforms,
  musllinuxPlatforms,
  macPlatforms,
  macBinaryFormats,
  iosPlatforms,
  androidPlatforms,
  normalizePlatformString,
} from './platforms.js';
export type { PlatformSpec } from './platforms.js';
export {
  supportedTags,
  cpythonTags,
  cpythonAbis,
  genericTags,
  compatibleTags,
  isCompatible,
  tagPriority,
  TagPriorities,
  INTERPRETER_SHORT_NAMES,
} from './supported.js';
export type { InterpreterSpec } from './supported.js';

export const id = 'pep425-tags';
export const description =
  'PEP 425 tags, compressed tag sets and the supported-tag list of a described interpreter and platform';
