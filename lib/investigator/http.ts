// The operations endpoint of a consumer (node:http): /metrics in the Prometheus text format,
// /healthz (the process is alive and its consumer has not crashed for good) and /readyz (subscribed
// and the graph answers). Kubernetes probes and Prometheus scrape it; nothing else is served.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus.js';

export interface OperationsServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  metrics: () => string;
  isLive: () => boolean;
  isReady: () => Promise<boolean>;
}

export interface OperationsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startOperationsServer(options: OperationsServerOptions): Promise<OperationsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed\n');
    if (path === '/metrics') return send(200, options.metrics(), PROMETHEUS_CONTENT_TYPE);
    if (path === '/healthz') return options.isLive() ? send(200, 'ok\n') : send(503, 'not live\n');
    if (path === '/readyz') {
      options.isReady().then(
        (ready) => (ready ? send(200, 'ready\n') : send(503, 'not ready\n')),
        () => send(503, 'not ready\n'),
      );
      return;
    }
    send(404, 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
