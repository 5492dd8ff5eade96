// A consumer process for kafka-bus.int.test.ts to kill with SIGKILL mid-batch: no stop, no commit of the
// record in hand, no LeaveGroup. Its handler is idempotent through a shared effects file: an envelope id
// is applied (appended) only if the file does not hold it yet. Usage:
//   node --import tsx doomed-consumer.ts <brokers> <deployment> <group> <topic> <effects-file>
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { KafkaMessageBus, contractCodec } from '../index.js';

const [brokers, deployment, group, topic, effectsFile] = process.argv.slice(2) as [string, string, string, string, string];
const applied = new Set(existsSync(effectsFile) ? readFileSync(effectsFile, 'utf8').split('\n').filter(Boolean) : []);
const bus = new KafkaMessageBus({
  deployment,
  brokers: brokers.split(','),
  codec: contractCodec,
  consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 100 },
});
await bus.subscribe(group, [topic], async (envelope) => {
  if (!applied.has(envelope.id)) {
    applied.add(envelope.id);
    appendFileSync(effectsFile, `${envelope.id}\n`);
  }
  // Work after the effect and before the commit: the kill most likely lands here.
  await new Promise((resolve) => setTimeout(resolve, 30));
});
process.stdout.write('subscribed\n');
