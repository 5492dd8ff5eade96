// MissingPackage v1: a package vanished from its index; flag every release so advice stops using it.
// (The original also scheduled kebechet-administrator, which then failed for lack of a version, §3.4.)
import { setMissing } from '../../graph/index.js';
import { defineHandler } from './define.js';

export const missingPackage = defineHandler<'MissingPackage', 1>({
  type: 'MissingPackage',
  version: 1,
  description: 'set is_missing on every release of the package on that index',
  async handle(message, context) {
    const p = message.payload;
    const changed = await setMissing(context.graph, { name: p.package_name, indexUrl: p.index_url });
    context.metrics.flags.inc({ flag: 'is_missing' }, changed);
    context.log.info({ package: p.package_name, index: p.index_url, changed }, 'package flagged missing');
  },
});
