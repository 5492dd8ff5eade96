// MissingVersion v1: one release vanished from its index; flag it so advice stops using it.
import { setMissing } from '../../graph/index.js';
import { defineHandler } from './define.js';

export const missingVersion = defineHandler<'MissingVersion', 1>({
  type: 'MissingVersion',
  version: 1,
  description: 'set is_missing on the release',
  async handle(message, context) {
    const p = message.payload;
    const changed = await setMissing(context.graph, {
      name: p.package_name,
      version: p.package_version,
      indexUrl: p.index_url,
    });
    context.metrics.flags.inc({ flag: 'is_missing' }, changed);
    context.log.info(
      { package: p.package_name, version: p.package_version, index: p.index_url, changed },
      'release flagged missing',
    );
  },
});
