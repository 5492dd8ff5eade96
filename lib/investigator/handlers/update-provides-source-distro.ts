// UpdateProvidesSourceDistro v1: the security-indicator download found whether a release has an sdist.
import { setProvidesSourceDistro } from '../../graph/index.js';
import { defineHandler } from './define.js';

export const updateProvidesSourceDistro = defineHandler<'UpdateProvidesSourceDistro', 1>({
  type: 'UpdateProvidesSourceDistro',
  version: 1,
  description: 'set provides_source_distro on the release',
  async handle(message, context) {
    const p = message.payload;
    const changed = await setProvidesSourceDistro(
      context.graph,
      { name: p.package_name, version: p.package_version, indexUrl: p.index_url },
      p.provides_source_distro,
    );
    context.metrics.flags.inc({ flag: 'provides_source_distro' }, changed);
  },
});
