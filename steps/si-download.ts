// Step `si-download`: fetch a release's sdist from its index and extract it safely into the `package`
// artifact for bandit and cloc. Without an sdist it writes UpdateProvidesSourceDistro(false); when the
// release is gone, MissingVersion; either way failed_status=1 routes the workflow to emit only.
//   thoth-step si-download --package-name flask --package-version 2.0.1 --index-url https://pypi.org/simple
import { join } from 'node:path';
import { InputError } from '../lib/errors/index.js';
import { HttpPackageIndex } from '../lib/index/index.js';
import { canonicalizeName } from '../lib/python/index.js';
import {
  extractArchive,
  findSdist,
  missingVersionMessage,
  PACKAGE_ARTIFACT,
  providesSourceDistroMessage,
  UnsafeArchiveError,
  writeReleaseInfo,
} from '../lib/security/index.js';
import type { OutgoingMessage, SdistSource } from '../lib/security/index.js';
import { EXIT_CODES, exitCodeForError } from '../lib/workflows/index.js';
import type { StepDefinition, StepIo } from '../lib/workflows/index.js';
import { httpUrlFlag, parseFlags } from './flags.js';
import { openOutputs, runStep } from './run-step.js';

export const SI_DOWNLOAD_OUTPUTS = {
  package: 'package',
  messages: 'messages.json',
  failedStatus: 'failed_status',
} as const;

const USAGE = `usage: thoth-step si-download --package-name NAME --package-version VERSION --index-url URL
writes <outputs>/package/{source/,release.json} and failed_status=0 when the release has an sdist;
otherwise <outputs>/messages.json (UpdateProvidesSourceDistro or MissingVersion) and failed_status=1.
exit codes: 0 ok, 2 bad input or an archive refused as unsafe, 75 index unavailable`;

export interface ReleaseArgs {
  name: string;
  version: string;
  indexUrl: string;
}

/** Parse --package-name/--package-version/--index-url (shared by the si-* steps); extra options allowed. */
export function parseReleaseArgs(
  step: string,
  argv: string[],
  extra: Record<string, { type: 'string' }> = {},
): (ReleaseArgs & { values: Record<string, string | undefined> }) | 'help' {
  const flags = parseFlags(step, argv, {
    'package-name': { type: 'string' },
    'package-version': { type: 'string' },
    'index-url': { type: 'string' },
    ...extra,
  }) as Record<string, string | undefined> | 'help';
  if (flags === 'help') return 'help';
  const missing = ['package-name', 'package-version', 'index-url'].filter((k) => flags[k] === undefined);
  if (missing.length > 0) throw new InputError(`${step}: missing ${missing.map((m) => `--${m}`).join(', ')}`);
  return {
    name: canonicalizeName(flags['package-name']!),
    version: flags['package-version']!,
    indexUrl: httpUrlFlag(step, '--index-url', flags['index-url']!.replace(/\/+$/, '')),
    values: flags,
  };
}

/** Run si-download against an index (tests pass a loopback index). */
export function runSiDownload(
  argv: string[],
  io: StepIo,
  index?: SdistSource & { close?(): Promise<void> },
): Promise<number> {
  const frame = {
    name: 'si-download',
    usage: USAGE,
    parse: (args: string[]) => parseReleaseArgs('si-download', args),
    // A hostile or broken archive fails the same way every time: final, like bad input.
    exitCode: (error: unknown) =>
      error instanceof UnsafeArchiveError ? EXIT_CODES.badInput.code : exitCodeForError(error),
  };
  return runStep(argv, io, frame, async (args, step) => {
    const release = { name: args.name, version: args.version, indexUrl: args.indexUrl };
    const source =
      index ?? step.closeAtEnd(new HttpPackageIndex({ indexUrls: [args.indexUrl], logger: io.log }));
    const out = await openOutputs(io);
    const lookup = await findSdist(source, args.name, args.version);
    if (lookup.kind !== 'sdist') {
      const message: OutgoingMessage =
        lookup.kind === 'missing'
          ? missingVersionMessage(release, 'si-download')
          : providesSourceDistroMessage(release, false);
      await out.json(SI_DOWNLOAD_OUTPUTS.messages, [message]);
      await out.text(SI_DOWNLOAD_OUTPUTS.failedStatus, '1');
      io.log.info({ package: args.name, version: args.version, outcome: lookup.kind }, 'no sdist to analyze');
      return;
    }
    const bytes = await source.download(lookup.file);
    const packageDir = out.path(SI_DOWNLOAD_OUTPUTS.package);
    const summary = await extractArchive(
      lookup.file.filename,
      bytes,
      join(packageDir, PACKAGE_ARTIFACT.source),
    );
    await writeReleaseInfo(packageDir, {
      package_name: args.name,
      package_version: args.version,
      index_url: args.indexUrl,
      released_at: lookup.file.uploadTime ?? null,
    });
    await out.text(SI_DOWNLOAD_OUTPUTS.failedStatus, '0');
    io.log.info(
      { package: args.name, version: args.version, file: lookup.file.filename, ...summary },
      'sdist extracted',
    );
  });
}

export const siDownloadStep: StepDefinition = {
  name: 'si-download',
  description: "download a release's sdist and extract it safely; announce a missing release or sdist",
  run: (argv, io) => runSiDownload(argv, io),
};
