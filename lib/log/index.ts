// Structured logging (pino). One root logger; components take a child bound to `component` and,
// per message, `correlation_id`. Credentials are redacted, including user:password inside URLs.
import { pino, destination } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Replace the password part of any URL-looking `scheme://user:password@host` inside a string. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, '$1:***@');
}

const REDACT_PATHS = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'secretAccessKey',
  '*.secretAccessKey',
];

export interface CreateLoggerOptions {
  level?: string;
  /** Where log lines go; default stderr so stdout stays free for command output. */
  destination?: NodeJS.WritableStream;
  name?: string;
}

/** Create the root logger; entry points call this once with settings read from their configuration. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '***' },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((a) => (typeof a === 'string' ? redactUrlCredentials(a) : a));
        method.apply(this, redacted as Parameters<typeof method>);
      },
    },
    formatters: {
      log(object) {
        for (const [key, value] of Object.entries(object)) {
          if (typeof value === 'string') object[key] = redactUrlCredentials(value);
        }
        return object;
      },
    },
  };
  if (options.name !== undefined) config.name = options.name;
  return pino(config, (options.destination as DestinationStream | undefined) ?? destination(2));
}

/** A logger that discards everything; for library defaults when the caller passes none. */
export const silentLogger: Logger = pino({ level: 'silent' });
