// The argv parser every step shares and the checks of flag values that come back in many steps, so
// a wrong flag reads the same in every step: `<step>: <what is wrong>`, always an InputError (exit 2).
// The parser is node's util.parseArgs: built in, strict, and typed by the option table. commander
// (cli/ uses it) is made for a program with subcommands and prints help and errors itself, where a
// step must turn every refusal into its one-line reason and exit code.
import { parseArgs } from 'node:util';
import { InputError } from '../lib/errors/index.js';

/** An option table as util.parseArgs takes it (`{ 'index-url': { type: 'string', multiple: true } }`). */
export type FlagTable = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** The values util.parseArgs gives for `O` in strict mode: strings, booleans and arrays as declared. */
export type FlagValues<O extends FlagTable> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

// Every step takes -h/--help; runStep prints the step's usage for it.
const HELP_FLAG = { help: { type: 'boolean', short: 'h', default: false } } as const;

/**
 * Parse `argv` (the arguments after `thoth-step <step>`) against `options` and -h/--help. Returns
 * 'help' when help was asked for; an unknown option, a missing value or a positional argument is an
 * InputError `<step>: <parseArgs' reason>; see --help`.
 */
export function parseFlags<const O extends FlagTable>(
  step: string,
  argv: readonly string[],
  options: O,
): FlagValues<O> | 'help' {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: { ...options, ...HELP_FLAG },
      strict: true,
      allowPositionals: false,
    }).values as FlagValues<O> & { help: boolean };
  } catch (error) {
    throw new InputError(`${step}: ${(error as Error).message}; see --help`);
  }
  return values.help ? 'help' : values;
}

/**
 * The value of a flag the step cannot run without. `flag` is written as the message shows it
 * (`--request FILE`); `hint` follows "is required" as given. An empty value is Argo's unset
 * parameter, so it counts as missing.
 */
export function requiredFlag(step: string, flag: string, value: string | undefined, hint = ''): string {
  if (value === undefined || value === '') throw new InputError(`${step}: ${flag} is required${hint}`);
  return value;
}

/** A whole number of at least `min` (0 or 1 read as "non-negative" and "positive"). */
export function integerFlag(step: string, flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    const what =
      min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
    throw new InputError(`${step}: ${flag} "${text}" must be ${what}`);
  }
  return value;
}

/** 'true' or 'false', the way the workflow templates pass booleans. */
export function booleanFlag(step: string, flag: string, text: string): boolean {
  if (text !== 'true' && text !== 'false') {
    throw new InputError(`${step}: ${flag} must be true or false (got "${text}")`);
  }
  return text === 'true';
}

/** True when `text` parses as an http: or https: URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An index or service URL given by a flag: refused unless http(s). */
export function httpUrlFlag(step: string, flag: string, url: string): string {
  if (!isHttpUrl(url)) throw new InputError(`${step}: ${flag} "${url}" is not an http(s) URL`);
  return url;
}

/** An instant given by a flag (RFC 3339 asked for; whatever Date parses is taken). */
export function dateFlag(step: string, flag: string, text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${step}: ${flag} "${text}" is not a date; use RFC 3339, e.g. 2026-11-01T00:00:00Z`);
  }
  return date;
}
