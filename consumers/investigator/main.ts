// The investigator consumer process: read and check the configuration, open the graph, the bus, the
// workflow engine and the artifact store, start the InvestigatorService and the operations endpoint,
// and stop gracefully on SIGTERM/SIGINT. Everything else lives in lib/investigator.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { describeError } from '../../lib/errors/index.js';
import {
  IndexVersionSource,
  InvestigatorMetrics,
  InvestigatorService,
  readInvestigatorConfig,
  startOperationsServer,
} from '../../lib/investigator/index.js';
import type { InvestigatorConfig } from '../../lib/investigator/index.js';
import { createLogger } from '../../lib/log/index.js';
import { KafkaMessageBus, contractCodec } from '../../lib/messaging/index.js';
import { openGraph } from '../../lib/runtime/index.js';
import { createArtifactStore } from '../../lib/storage/index.js';
import { ArgoWorkflowEngine, LocalWorkflowEngine } from '../../lib/workflows/index.js';
import type { WorkflowEngine } from '../../lib/workflows/index.js';
import type { ArtifactStore } from '../../lib/storage/index.js';
import { STEPS } from '../../steps/registry.js';

const VERSION = '0.1.0';

async function openEngine(config: InvestigatorConfig, store: ArtifactStore): Promise<WorkflowEngine> {
  const engine = config.engine;
  if (engine.kind === 'argo') {
    const token =
      engine.tokenFile === undefined ? undefined : (await readFile(engine.tokenFile, 'utf8')).trim();
    return new ArgoWorkflowEngine({
      baseUrl: engine.baseUrl,
      namespace: engine.namespace,
      ...(token === undefined ? {} : { token }),
    });
  }
  const home = process.env['THOTH_HOME'] ?? join(homedir(), '.thoth');
  return LocalWorkflowEngine.fromDirectory(engine.workflowsDir, {
    stateDir: engine.stateDir ?? join(home, 'workflows'),
    store,
    registry: STEPS,
  });
}

async function main(): Promise<number> {
  let config: InvestigatorConfig;
  try {
    config = readInvestigatorConfig(process.env);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 2;
  }
  const logger = createLogger({ level: config.logLevel, name: 'investigator' });
  const metrics = new InvestigatorMetrics();
  const graph = await openGraph(config.runtime.graph);
  const store = createArtifactStore(config.runtime.artifacts);
  const engine = await openEngine(config, store);
  const bus = new KafkaMessageBus({
    deployment: config.runtime.layout.deployment,
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    codec: contractCodec,
    logger,
  });
  const service = new InvestigatorService({
    bus,
    group: config.groupId,
    messageTypes: config.messageTypes,
    subscribe: {
      retry: { attempts: config.deadLetterAttempts },
      partitionsConsumedConcurrently: config.partitionsConcurrently,
      commit: { everyRecords: config.commitEveryRecords },
    },
    reconcile: {
      intervalMs: config.reconcileIntervalMs,
      batch: 500,
      retryAfterMs: 10 * 60_000,
      notFoundGraceMs: 10 * 60_000,
    },
    deps: {
      graph,
      engine,
      publish: (envelopes) => bus.publish(envelopes),
      policy: config.policy,
      versions: new IndexVersionSource(),
      artifacts: { store, layout: config.runtime.layout },
      metrics,
      logger: logger.child({ component: 'investigator' }),
      producer: { component: 'investigator', version: VERSION },
      now: () => new Date(),
      newId: randomUUID,
    },
  });
  const http = await startOperationsServer({
    port: config.httpPort,
    metrics: () => metrics.render(),
    isLive: () => service.isLive(),
    isReady: () => service.isReady(),
  });
  await service.start();
  logger.info({ group: config.groupId, topics: service.topics, port: http.port }, 'investigator started');

  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'stopping: finishing in-flight messages');
      resolve();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  await service.stop();
  await bus.close();
  await engine.close();
  await store.close();
  await graph.close();
  await http.close();
  logger.info({}, 'investigator stopped');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`investigator: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);
