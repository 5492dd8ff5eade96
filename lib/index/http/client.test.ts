// HttpClient against a real loopback server reached by host name: many clients at once (as the
// embedded pipeline's solve steps make them) all get through the process-wide DNS cache, and a host
// that does not resolve is a host error naming it, not a crash.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';

let server: ReturnType<typeof createServer>;
let port: number;
let requests = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    requests++;
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HttpClient', () => {
  it('serves 40 clients asking one host name at once', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const client = new HttpClient({ retry: { retries: 0 } });
        try {
          return (await client.request({ url: `http://localhost:${port}/simple/` })).body.toString();
        } finally {
          await client.close();
        }
      }),
    );
    expect(bodies).toEqual(Array.from({ length: 40 }, () => 'ok'));
    expect(requests).toBe(40);
  });

  it('names a host that does not resolve', async () => {
    const client = new HttpClient({ retry: { retries: 0 } });
    try {
      await expect(client.request({ url: 'http://no-such-host.invalid/simple/' })).rejects.toThrow(
        /no-such-host\.invalid/,
      );
    } finally {
      await client.close();
    }
  });
});
