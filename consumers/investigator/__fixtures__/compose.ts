// Builds an investigator for the integration tests and the bench: real Kafka and PostgreSQL, and the
// recording engine that keeps its submissions in the same database (so several processes share it).
import { randomUUID } from 'node:crypto';
import { PgGraphStore } from '../../../lib/graph/index.js';
import { InvestigatorMetrics, InvestigatorService } from '../../../lib/investigator/index.js';
import { ENVIRONMENTS, policy } from '../../../lib/investigator/test-support/fixtures.js';
import { PgRecordingWorkflowEngine } from '../../../lib/investigator/test-support/recording-engine.js';
import { silentLogger } from '../../../lib/log/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { KafkaMessageBus, contractCodec } from '../../../lib/messaging/index.js';
import type { KafkaMessageBusConfig } from '../../../lib/messaging/index.js';

export const TEST_MESSAGE_TYPES = ['PackageReleased', 'UnresolvedPackage', 'SolvedPackage'];

export function kafkaConfig(deployment: string, brokers: string[]): KafkaMessageBusConfig {
  return {
    deployment,
    brokers,
    codec: contractCodec,
    topics: { defaults: { partitions: 3, replicationFactor: 1 } },
    // 6 s is the broker's smallest allowed session timeout (group.min.session.timeout.ms).
    consumer: {
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 10_000,
      maxWaitTimeMs: 100,
      stallTimeoutMs: 25_000,
    },
    clientRetry: { retries: 8, initialRetryTime: 200, maxRetryTime: 3_000 },
  };
}

export interface ComposedInvestigator {
  service: InvestigatorService;
  bus: KafkaMessageBus;
  graph: PgGraphStore;
  metrics: InvestigatorMetrics;
  close(): Promise<void>;
}

export async function composeInvestigator(options: {
  pgUrl: string;
  brokers: string[];
  deployment: string;
  group: string;
  commitEveryRecords?: number;
  partitionsConcurrently?: number;
  logger?: Logger;
}): Promise<ComposedInvestigator> {
  const graph = new PgGraphStore({ connectionString: options.pgUrl, max: 8 });
  const engine = await PgRecordingWorkflowEngine.create(graph);
  const bus = new KafkaMessageBus({
    ...kafkaConfig(options.deployment, options.brokers),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const metrics = new InvestigatorMetrics();
  const service = new InvestigatorService({
    bus,
    group: options.group,
    messageTypes: TEST_MESSAGE_TYPES,
    subscribe: {
      retry: { attempts: 4, initialDelayMs: 50, maxDelayMs: 500 },
      partitionsConsumedConcurrently: options.partitionsConcurrently ?? 3,
      commit: { everyRecords: options.commitEveryRecords ?? 1, everyMs: 60_000 },
    },
    deps: {
      graph,
      engine,
      publish: (envelopes) => bus.publish(envelopes),
      policy: policy({ environments: ENVIRONMENTS }),
      metrics,
      logger: options.logger ?? silentLogger,
      producer: { component: 'investigator', version: 'test' },
      now: () => new Date(),
      newId: randomUUID,
    },
  });
  return {
    service,
    bus,
    graph,
    metrics,
    async close() {
      await service.stop();
      await bus.close();
      await graph.close();
    },
  };
}
