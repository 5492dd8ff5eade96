// Step `package-releases`: notice new releases on the watched indexes and write PackageReleased
// messages for the packages Thoth cares about (the emit step sends them). Thin: parse argv, open the
// graph, call lib/freshness per index, write messages.json, then store each index's new position.
//   thoth-step package-releases --only-if-package-seen=true [--package NAME …] [--index-url URL …]
//                               [--changelog INDEX_URL=XMLRPC_URL …] [--no-changelog]
import { InputError } from '../lib/errors/index.js';
import { enabledIndexUrls, PYPI_XMLRPC_URL, watchReleases } from '../lib/freshness/index.js';
import type { FreshnessMessage, WatchResult, WatchScope } from '../lib/freshness/index.js';
import { migrate, setWatchPosition } from '../lib/graph/index.js';
import { HttpClient } from '../lib/index/index.js';
import { openGraph, readRuntimeConfig } from '../lib/runtime/index.js';
import type { Env } from '../lib/runtime/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { booleanFlag, httpUrlFlag, isHttpUrl, parseFlags } from './flags.js';
import { openOutputs, runStep } from './run-step.js';

export const PACKAGE_RELEASES_OUTPUTS = {
  released: 'released',
  messages: 'messages.json',
  summary: 'package-releases-result.json',
} as const;

const USAGE = `usage: thoth-step package-releases [--only-if-package-seen=true|false] [--package NAME]...
                                  [--index-url URL]... [--changelog INDEX_URL=XMLRPC_URL]... [--no-changelog]
  --only-if-package-seen  true (default): only packages with releases in the graph; false: every package
  --package               watch these packages instead (repeatable)
  --index-url             indexes to watch (repeatable; default the enabled indexes of the graph, else
                          $THOTH_INDEX_URL, else https://pypi.org/simple)
  --changelog             read this index's changes from an XML-RPC changelog by serial (PyPI's is used
                          for https://pypi.org/simple without saying); other indexes: ETag and _last-serial
  --no-changelog          read project pages even for PyPI
The first run on an index records its position and announces nothing.
writes <outputs>/{released,messages.json,package-releases-result.json}; exit codes: 0 ok, 2 bad input,
75 index or database unavailable`;

export interface PackageReleasesOptions {
  scope: WatchScope;
  indexUrls: string[] | undefined;
  changelogs: Map<string, string>;
  useChangelog: boolean;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

export function parsePackageReleasesArgs(argv: string[]): PackageReleasesOptions | 'help' {
  const flags = parseFlags('package-releases', argv, {
    'only-if-package-seen': { type: 'string', default: 'true' },
    package: { type: 'string', multiple: true },
    'index-url': { type: 'string', multiple: true },
    changelog: { type: 'string', multiple: true },
    'no-changelog': { type: 'boolean', default: false },
  });
  if (flags === 'help') return 'help';
  const seen = booleanFlag('package-releases', '--only-if-package-seen', flags['only-if-package-seen']);
  for (const url of flags['index-url'] ?? []) httpUrlFlag('package-releases', '--index-url', url);
  const changelogs = new Map<string, string>();
  for (const entry of flags.changelog ?? []) {
    const at = entry.indexOf('=');
    const [index, endpoint] = [entry.slice(0, at), entry.slice(at + 1)];
    if (at < 0 || !isHttpUrl(index) || !isHttpUrl(endpoint)) {
      throw new InputError(
        `package-releases: --changelog "${entry}" must be INDEX_URL=XMLRPC_URL, e.g. https://pypi.org/simple=https://pypi.org/pypi`,
      );
    }
    changelogs.set(trimSlash(index), endpoint);
  }
  const packages = flags.package ?? [];
  return {
    scope: packages.length > 0 ? { kind: 'list', names: packages } : { kind: seen ? 'seen' : 'all' },
    indexUrls: flags['index-url'],
    changelogs,
    useChangelog: !flags['no-changelog'],
  };
}

/** The XML-RPC changelog of an index: given explicitly, or PyPI's for pypi.org's simple index. */
function changelogFor(options: PackageReleasesOptions, indexUrl: string): string | undefined {
  if (!options.useChangelog) return undefined;
  const bare = trimSlash(indexUrl);
  return options.changelogs.get(bare) ?? (bare === 'https://pypi.org/simple' ? PYPI_XMLRPC_URL : undefined);
}

export function runPackageReleases(argv: string[], io: StepIo, env: Env): Promise<number> {
  const frame = { name: 'package-releases', usage: USAGE, parse: parsePackageReleasesArgs };
  return runStep(argv, io, frame, async (options, step) => {
    const config = readRuntimeConfig(env);
    const graph = step.closeAtEnd(await openGraph(config.graph));
    await migrate(graph);
    const http = step.closeAtEnd(new HttpClient({ logger: io.log }));
    let indexUrls = options.indexUrls ?? (await enabledIndexUrls(graph));
    if (indexUrls.length === 0) indexUrls = [env['THOTH_INDEX_URL'] || 'https://pypi.org/simple'];
    const results: WatchResult[] = [];
    for (const indexUrl of indexUrls) {
      const changelogUrl = changelogFor(options, indexUrl);
      results.push(
        await watchReleases(graph, {
          indexUrl,
          scope: options.scope,
          http,
          ...(changelogUrl === undefined ? {} : { changelogUrl }),
        }),
      );
    }
    const messages: FreshnessMessage[] = results.flatMap((r) => r.messages);
    const out = await openOutputs(io);
    await out.text(PACKAGE_RELEASES_OUTPUTS.released, messages.length);
    await out.json(PACKAGE_RELEASES_OUTPUTS.messages, messages);
    const summary = results.map((r) => ({
      position_name: r.positionName,
      mode: r.mode,
      baseline: r.baseline,
      released: r.released.length,
      pages: r.pages,
      ...(r.changelogRefused === undefined ? {} : { changelog_refused: r.changelogRefused }),
    }));
    for (const r of results) {
      if (r.changelogRefused !== undefined) {
        io.log.warn(
          { position: r.positionName, refusal: r.changelogRefused },
          'the index refused its changelog; its projects were read page by page',
        );
      }
    }
    await out.json(PACKAGE_RELEASES_OUTPUTS.summary, summary);
    // Only now move the positions: a run that fails before this point is repeated in full.
    for (const r of results) await setWatchPosition(graph, r.positionName, r.nextPosition);
    io.log.info({ indexes: summary }, 'package-releases done');
  });
}

export const packageReleasesStep: StepDefinition = {
  name: 'package-releases',
  description:
    'notice new releases (PyPI changelog by serial, page validators elsewhere); write PackageReleased messages',
  run: (argv, io) => runPackageReleases(argv, io, process.env),
};
