// A whole investigator in its own process, for the crash test: argv = pg url, brokers, deployment,
// group, records per commit. Prints "ready" once subscribed; SIGTERM stops it gracefully; the test
// SIGKILLs it mid-batch.
import { composeInvestigator } from './compose.js';

const [pgUrl, brokers, deployment, group, commitEvery] = process.argv.slice(2);
const investigator = await composeInvestigator({
  pgUrl: pgUrl!,
  brokers: brokers!.split(','),
  deployment: deployment!,
  group: group!,
  commitEveryRecords: Number(commitEvery ?? '1'),
});
await investigator.service.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void investigator.close().then(() => process.exit(0));
});
