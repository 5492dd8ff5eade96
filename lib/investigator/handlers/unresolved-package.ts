// UnresolvedPackage v1: an adviser, provenance check or dependency monkey met a package the graph does
// not know. Solve the named version (or the newest versions matching the specifier that are not solved
// yet) in the configured environments that lack it (only the message's environment when it names one).
// Without a version, the index's listing is recorded in the graph as bare releases.
import { isIndexEnabled, recordListedReleases, versionsSolvedInAll } from '../../graph/index.js';
import { UnknownIndexError } from '../errors.js';
import { learnUsingSolver, pickVersions } from '../learn.js';
import { defineHandler } from './define.js';

export const unresolvedPackage = defineHandler<'UnresolvedPackage', 1>({
  type: 'UnresolvedPackage',
  version: 1,
  description: 'solve the missing releases in the configured environments that lack them',
  async handle(message, context) {
    const p = message.payload;
    // The original raised here and, after five retries, halted the whole topic (§3.4); an unknown
    // index is this message's problem only, so it goes to the dead letters with its reason.
    if (
      !context.policy.extraIndexUrls.includes(p.index_url) &&
      !(await isIndexEnabled(context.graph, p.index_url))
    ) {
      throw new UnknownIndexError(p.index_url, { package: p.package_name });
    }
    const environments =
      p.environment === null
        ? context.policy.environments
        : context.policy.environments.filter((e) => e.id === p.environment?.id);
    if (environments.length === 0) {
      context.metrics.skipped.inc({ kind: 'solve', reason: 'environment-not-configured' });
      context.log.warn(
        { package: p.package_name, environment: p.environment?.id },
        'environment not configured, nothing to solve',
      );
      return;
    }
    let versions: string[];
    if (p.package_version !== null) versions = [p.package_version];
    else if (context.versions === undefined) {
      context.metrics.skipped.inc({ kind: 'solve', reason: 'no-version-source' });
      context.log.warn({ package: p.package_name }, 'no version given and no index to list versions from');
      return;
    } else {
      const all = await context.versions.listVersions(p.package_name, p.index_url);
      // The listing becomes bare releases, so the adviser knows what exists beyond what is solved.
      const listed = await recordListedReleases(context.graph, p.package_name, p.index_url, all);
      if (listed > 0)
        context.log.info({ package: p.package_name, listed }, 'recorded the versions the index lists');
      const known = await versionsSolvedInAll(
        context.graph,
        p.package_name,
        p.index_url,
        environments.map((e) => e.id),
      );
      versions = pickVersions(all, p.specifier, context.policy.maxVersionsPerPackage, known);
    }
    for (const version of versions) {
      await learnUsingSolver(context, { name: p.package_name, version, indexUrl: p.index_url }, environments);
    }
  },
});
