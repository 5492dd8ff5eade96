// The operations endpoint over real HTTP: metrics in the text format, liveness and readiness.
import { afterEach, describe, expect, it } from 'vitest';
import { startOperationsServer } from './http.js';
import type { OperationsServer } from './http.js';
import { InvestigatorMetrics } from './metrics.js';

let server: OperationsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('operations endpoint', () => {
  it('serves /metrics, /healthz and /readyz', async () => {
    const metrics = new InvestigatorMetrics();
    const hooks = metrics.instrumentation();
    hooks.processed?.({
      group: 'g',
      topic: 't.solved-package',
      partition: 0,
      offset: '1',
      key: null,
      attempts: 1,
      durationMs: 1,
    });
    hooks.lag?.({ group: 'g', topic: 't.solved-package', partition: 2, lag: 7 });
    metrics.scheduled.inc({ kind: 'solve', outcome: 'submitted' }, 3);
    let ready = false;
    server = await startOperationsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: () => metrics.render(),
      isLive: () => true,
      isReady: () => Promise.resolve(ready),
    });
    const base = `http://127.0.0.1:${server.port}`;
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('# TYPE thoth_investigator_processed_total counter');
    expect(text).toContain('thoth_investigator_processed_total{topic="t.solved-package"} 1');
    expect(text).toContain('thoth_investigator_consumer_lag{partition="2",topic="t.solved-package"} 7');
    expect(text).toContain(
      'thoth_investigator_scheduled_workflows_total{kind="solve",outcome="submitted"} 3',
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
