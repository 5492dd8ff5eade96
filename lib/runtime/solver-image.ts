// The solver "image" of the local engine. In a cluster, thoth-solve's `python_version` picks a solver
// image, and the image is the environment solved for. On one machine the engine runs the solve step in
// process, so this adapter stands in for the image: it turns `--python-version X.Y` into the
// environment this machine advises for (so verdicts land under the environment key the adviser reads)
// and, after a successful solve, writes the SolvedPackage messages the template's emit step publishes
// (one per release and environment, from the solver document) when the step wrote none itself.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { releaseMessageKey } from '../contracts/index.js';
import type { SolvedPackage, SolverDocument } from '../contracts/index.js';
import type { EnvironmentSpec } from '../solver/index.js';
import type { StepDefinition } from '../workflows/index.js';

/** One entry of messages.json, the shape the emit step publishes. */
export interface OutgoingMessageEntry {
  type: string;
  version: number;
  key: string;
  payload: unknown;
}

/** SolvedPackage payloads of a solver document: one per solved release and environment. */
export function solvedPackageMessages(document: SolverDocument): OutgoingMessageEntry[] {
  const identities = new Map(document.result.environments.map((e) => [e.identity.id, e.identity]));
  const messages: OutgoingMessageEntry[] = [];
  for (const release of document.result.releases) {
    for (const [environmentId, verdict] of Object.entries(release.installability)) {
      const environment = identities.get(environmentId);
      if (environment === undefined) continue;
      const payload: SolvedPackage = {
        package_name: release.name,
        package_version: release.version,
        index_url: release.index_url,
        environment,
        document_id: document.metadata.document_id,
        verdict,
      };
      messages.push({
        type: 'SolvedPackage',
        version: 1,
        key: releaseMessageKey(release.name, release.version),
        payload,
      });
    }
  }
  return messages;
}

/** The environment file form (snake_case) the solve step reads with --environment-file. */
function environmentFile(spec: EnvironmentSpec): Record<string, unknown> {
  return {
    id: spec.id,
    python: spec.python,
    platform: spec.platform,
    ...(spec.implementation === undefined ? {} : { implementation: spec.implementation }),
    ...(spec.osName === undefined ? {} : { os_name: spec.osName }),
    ...(spec.osVersion === undefined ? {} : { os_version: spec.osVersion }),
    ...(spec.abis === undefined ? {} : { abis: spec.abis }),
    ...(spec.markerEnvironment === undefined ? {} : { marker_environment: spec.markerEnvironment }),
  };
}

/** `--python-version=X.Y` or `--python-version X.Y` in argv: its value and the argv without it. */
function takePythonVersion(argv: readonly string[]): { version: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let version: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--python-version=')) version = arg.slice('--python-version='.length);
    else if (arg === '--python-version' && i + 1 < argv.length) version = argv[++i];
    else rest.push(arg);
  }
  return { version, rest };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Wrap the solve step: `images` maps a template `python_version` (X.Y) to the environment solved for
 * on this machine; a version without an entry keeps the step's own default environment.
 */
export function localSolverImage(
  solve: StepDefinition,
  images: ReadonlyMap<string, EnvironmentSpec>,
): StepDefinition {
  return {
    name: solve.name,
    description: solve.description,
    async run(argv, io) {
      const { version, rest } = takePythonVersion(argv);
      const spec = version === undefined ? undefined : images.get(version);
      let args = [...argv];
      if (spec !== undefined) {
        await mkdir(io.inputsDir, { recursive: true });
        const file = join(io.inputsDir, 'environment.json');
        await writeFile(file, `${JSON.stringify(environmentFile(spec))}\n`);
        args = [...rest, `--environment-file=${file}`];
      }
      const code = await solve.run(args, io);
      if (code !== 0) return code;
      const messagesPath = join(io.outputsDir, 'messages.json');
      if (!(await exists(messagesPath))) {
        const document = JSON.parse(
          await readFile(join(io.outputsDir, 'document.json'), 'utf8'),
        ) as SolverDocument;
        await writeFile(messagesPath, `${JSON.stringify(solvedPackageMessages(document), null, 2)}\n`);
      }
      return code;
    },
  };
}
