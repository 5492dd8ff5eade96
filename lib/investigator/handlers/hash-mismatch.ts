// HashMismatch v1: the index's files of a release no longer match the graph's. Mark the files that
// left the index absent (their hashes leave generated locks), then re-solve the release in every
// configured environment under a job-key variant derived from the mismatch, so this mismatch is
// re-solved once even though the release was solved before.
import { markFileAbsent, markFileAbsentByHash } from '../../graph/index.js';
import { digest, learnUsingSolver } from '../learn.js';
import { defineHandler } from './define.js';

export const hashMismatch = defineHandler<'HashMismatch', 1>({
  type: 'HashMismatch',
  version: 1,
  description: 'mark vanished files absent and re-solve the release everywhere',
  async handle(message, context) {
    const p = message.payload;
    const release = { name: p.package_name, version: p.package_version, indexUrl: p.index_url };
    let absent = 0;
    for (const file of p.missing_from_source) {
      absent +=
        file.filename === null
          ? await markFileAbsentByHash(context.graph, release, file.sha256)
          : await markFileAbsent(context.graph, release, file.filename);
    }
    context.metrics.flags.inc({ flag: 'file_absent' }, absent);
    const variant = `rehash:${digest([
      ...p.missing_from_source.map((f) => `-${f.sha256}`),
      ...p.missing_from_database.map((f) => `+${f.sha256}`),
    ])}`;
    await learnUsingSolver(context, release, context.policy.environments, { force: { variant } });
  },
});
