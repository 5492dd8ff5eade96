import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrlCredentials } from './index.js';

describe('redactUrlCredentials', () => {
  it.each([
    ['postgres://thoth:s3cret@db:5432/x', 'postgres://thoth:***@db:5432/x'],
    ['see https://user:tok@pypi.example/simple now', 'see https://user:***@pypi.example/simple now'],
    ['https://pypi.org/simple', 'https://pypi.org/simple'],
  ])('%s', (input, expected) => expect(redactUrlCredentials(input)).toBe(expected));
});

describe('createLogger', () => {
  it('redacts secrets in fields and URLs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger({ destination: sink });
    log.info({ password: 'hunter2', url: 'https://a:b@host/x' }, 'connecting');
    const out = lines.join('');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('a:b@');
    expect(out).toContain('connecting');
  });
});
