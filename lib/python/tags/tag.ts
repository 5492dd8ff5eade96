// PEP 425 tags: the (interpreter, abi, platform) triple and compressed tag sets such as
// `py2.py3-none-any`, parsed with packaging.tags.parse_tag's rules.
import { ThothError } from '../../errors/index.js';
import { compareCodePoints, isPythonIdentifier } from '../name/index.js';

/** One PEP 425 tag; its parts are lowercase, as packaging stores them. */
export interface Tag {
  readonly interpreter: string;
  readonly abi: string;
  readonly platform: string;
}

/** A tag string that is not a valid (possibly compressed) tag set. */
export class InvalidTagError extends ThothError {
  readonly input: string;
  constructor(input: string, message: string) {
    super('invalid-tag', message, { context: { input } });
    this.input = input;
  }
}

/** Make a tag, lowercasing its parts as packaging's Tag constructor does. */
export function makeTag(interpreter: string, abi: string, platform: string): Tag {
  return { interpreter: interpreter.toLowerCase(), abi: abi.toLowerCase(), platform: platform.toLowerCase() };
}

/** `interpreter-abi-platform`. */
export function tagToString(tag: Tag): string {
  return `${tag.interpreter}-${tag.abi}-${tag.platform}`;
}

function pyRepr(text: string): string {
  return text.includes("'") && !text.includes('"')
    ? `"${text}"`
    : `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Expand a tag or compressed tag set (`py2.py3-none-any`) into its tags, as packaging's parse_tag:
 * exactly three `-`-separated components, no empty member, interpreters that are Python identifiers,
 * and with `validateOrder`, components whose `.`-separated members are sorted (PEP 425).
 */
export function parseTag(text: string, options: { validateOrder?: boolean } = {}): Tag[] {
  const components = text.split('-').map((component) => component.split('.'));
  for (const parts of components) {
    if (parts.includes('')) {
      throw new InvalidTagError(
        text,
        `Tag ${pyRepr(text)} has an empty component: ${pyRepr(parts.join('.'))}`,
      );
    }
    if (options.validateOrder === true) {
      const sorted = [...parts].sort(compareCodePoints);
      if (sorted.some((part, i) => part !== parts[i])) {
        throw new InvalidTagError(
          text,
          `Tag component ${pyRepr(parts.join('.'))} is not in sorted order per PEP 425`,
        );
      }
    }
  }
  const [interpreters, abis, platforms] = components;
  if (
    components.length !== 3 ||
    interpreters === undefined ||
    abis === undefined ||
    platforms === undefined
  ) {
    throw new InvalidTagError(text, `Tag ${pyRepr(text)} must have exactly three components`);
  }
  for (const interpreter of interpreters) {
    if (!isPythonIdentifier(interpreter)) {
      throw new InvalidTagError(
        text,
        `Tag ${pyRepr(text)} has an invalid interpreter: ${pyRepr(interpreter)}`,
      );
    }
  }
  const seen = new Map<string, Tag>();
  for (const interpreter of interpreters) {
    for (const abi of abis) {
      for (const platform of platforms) {
        const tag = makeTag(interpreter, abi, platform);
        seen.set(tagToString(tag), tag);
      }
    }
  }
  return [...seen.values()];
}
