// The frame every step runs in, so a step's own file holds only its work: parse argv (or print the
// usage for --help), run the body, turn a failure into one logged reason and the exit code of
// lib/workflows/exit-codes.ts, and close what the body opened (graph, HTTP clients, bus) whatever
// happened. Also the writer of the outputs directory (output parameters and artifacts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../lib/errors/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepIo } from '../lib/workflows/index.js';

/** Something a step opens and must close: a graph store, an HTTP client, a message bus. */
export interface Closable {
  close(): Promise<void> | void;
}

/** What the body of a step can ask of its frame. */
export interface StepScope {
  /** Close `resource` when the step ends, whatever the outcome; the last one opened closes first. */
  closeAtEnd<T extends Closable>(resource: T): T;
}

export interface StepFrame<O> {
  /** The step's name, as in `thoth-step <name>`. */
  name: string;
  /** Printed on stdout for -h/--help (the step then exits 0 and does nothing else). */
  usage: string;
  /** Parse the step's argv; 'help' when help was asked for, an InputError when argv is wrong. */
  parse(argv: string[]): O | 'help';
  /** The exit code of a failure where the error's class alone does not say it (default exitCodeForError). */
  exitCode?(error: unknown): number;
  /** Also gets the failure's reason as one line starting `<name>: ` (solve: its caller's stderr). */
  stderr?(line: string): void;
}

/**
 * Run one step: parse `argv`, run `body` with the options, resolve to the exit code. A failure is
 * logged once at error level with the error as context (the local engine takes that error's message
 * as the node's reason) and mapped to its exit code; nothing is thrown. A resource that fails to
 * close fails a step that had succeeded. The body only writes outputs, so a failed step leaves its
 * inputs as they were.
 */
export async function runStep<O>(
  argv: string[],
  io: StepIo,
  frame: StepFrame<O>,
  body: (options: O, step: StepScope) => Promise<void>,
): Promise<number> {
  const fail = (error: unknown): number => {
    const code = frame.exitCode?.(error) ?? exitCodeForError(error);
    const reason = describeError(error);
    io.log.error({ err: error, exitCode: code }, reason);
    const line = reason.split('\n')[0] ?? reason;
    frame.stderr?.(line.startsWith(`${frame.name}: `) ? line : `${frame.name}: ${line}`);
    return code;
  };
  const opened: Closable[] = [];
  let code: number = EXIT_CODES.ok.code;
  try {
    const options = frame.parse(argv);
    if (options === 'help') process.stdout.write(`${frame.usage}\n`);
    else
      await body(options, {
        closeAtEnd(resource) {
          opened.push(resource);
          return resource;
        },
      });
  } catch (error) {
    code = fail(error);
  }
  for (const resource of opened.reverse()) {
    try {
      await resource.close();
    } catch (error) {
      if (code === EXIT_CODES.ok.code) code = fail(error);
      else io.log.warn({ err: error }, 'a resource failed to close after the step failed');
    }
  }
  return code;
}

/** Writes files into the step's outputs directory: one file per output parameter or artifact. */
export interface StepOutputs {
  /** The path of output `name`, for artifacts another module writes. */
  path(name: string): string;
  /** An output parameter or text file, written as given (a number as its decimal digits). */
  text(name: string, value: string | number): Promise<void>;
  /** A JSON artifact, indented by two spaces and ending in a newline. */
  json(name: string, value: unknown): Promise<void>;
}

/** Create the outputs directory and return its writer. */
export async function openOutputs(io: Pick<StepIo, 'outputsDir'>): Promise<StepOutputs> {
  await mkdir(io.outputsDir, { recursive: true });
  const path = (name: string): string => join(io.outputsDir, name);
  return {
    path,
    text: (name, value) => writeFile(path(name), String(value)),
    json: (name, value) => writeFile(path(name), `${JSON.stringify(value, null, 2)}\n`),
  };
}
