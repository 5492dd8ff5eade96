// Kafka readiness probe for scripts/services/kafka.sh: succeeds once the broker answers real metadata
// requests (describeCluster + listTopics) through kafkajs, the client the project uses.
// Usage: node kafka-ready.mjs <brokers, comma-separated> <timeout seconds>
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.argv[2] ?? '127.0.0.1:9092').split(',');
const deadline = Date.now() + Number(process.argv[3] ?? '60') * 1000;
const kafka = new Kafka({
  clientId: 'thoth-ready-probe',
  brokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  retry: { retries: 0 },
});

let lastError = 'no attempt made';
while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.listTopics();
    if (cluster.brokers.length > 0 && cluster.controller !== null) {
      await admin.disconnect();
      process.exit(0);
    }
    lastError = 'cluster has no brokers or no controller yet';
  } catch (error) {
    lastError = error instanceof Error ? error.message : String(error);
  }
  await admin.disconnect().catch(() => undefined);
  await sleep(500);
}
console.error(`kafka not ready at ${brokers.join(',')}: ${lastError}`);
process.exit(1);
