// SIUnanalyzedPackage v1: graph-refresh found a release without security indicators; analyse it once.
import { learnAboutSecurity } from '../learn.js';
import { defineHandler } from './define.js';

export const siUnanalyzedPackage = defineHandler<'SIUnanalyzedPackage', 1>({
  type: 'SIUnanalyzedPackage',
  version: 1,
  description: 'schedule security indicators unless the release has them or cannot be analysed',
  async handle(message, context) {
    const p = message.payload;
    await learnAboutSecurity(context, {
      name: p.package_name,
      version: p.package_version,
      indexUrl: p.index_url,
    });
  },
});
