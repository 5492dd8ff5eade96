// PackageReleased v1: a new release appeared on a watched index. Solve it in every configured
// environment that lacks it (the original forced all solvers every time, §3.4).
import { learnUsingSolver } from '../learn.js';
import { defineHandler } from './define.js';

export const packageReleased = defineHandler<'PackageReleased', 1>({
  type: 'PackageReleased',
  version: 1,
  description: 'solve the new release in every configured environment that lacks it',
  async handle(message, context) {
    const p = message.payload;
    await learnUsingSolver(
      context,
      { name: p.package_name, version: p.package_version, indexUrl: p.index_url },
      context.policy.environments,
    );
  },
});
