// Reads a benchmark workload (bench/workloads/<name>.yaml): the roots, the upload-time cutoff and
// the one environment every tool resolves for, and derives the target environment from it.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../lib/errors/index.js';
import { resolveEnvironment } from '../../lib/solver/index.js';
import type { EnvironmentSpec, TargetEnvironment } from '../../lib/solver/index.js';
import type { SdistBuild } from './sdist-metadata.js';
import type { VersionWindow } from './windowed-index.js';

export interface Workload {
  name: string;
  description: string;
  requirements: string[];
  cutoff: string;
  environment: { python: string; platform: string };
  /** How the corpus was captured (bench/capture.ts); absent parts: the whole history, no builds. */
  capture: {
    /** Only a window of each project's history (large workloads). */
    window?: VersionWindow;
    /** Metadata of unreadable sdists prepared with pip. */
    build?: SdistBuild;
  };
  /** The workload file. */
  path: string;
}

export const WORKLOADS_DIR = new URL('../workloads/', import.meta.url).pathname;
export const CORPORA_DIR = new URL('../corpora/', import.meta.url).pathname;

export function corpusPath(workload: Workload): string {
  return join(CORPORA_DIR, `${workload.name}.jsonl.gz`);
}

function fail(path: string, detail: string): never {
  throw new InputError(`workload ${path}: ${detail}`, {
    context: { path, reason: 'bench-workload-invalid' },
  });
}

export async function readWorkload(path: string): Promise<Workload> {
  const raw: unknown = parse(await readFile(path, 'utf8'));
  if (typeof raw !== 'object' || raw === null) fail(path, 'not a mapping');
  const doc = raw as Record<string, unknown>;
  const env = doc['environment'] as Record<string, unknown> | undefined;
  if (typeof doc['name'] !== 'string') fail(path, 'name missing');
  if (!Array.isArray(doc['requirements']) || !doc['requirements'].every((r) => typeof r === 'string'))
    fail(path, 'requirements must be a list of strings');
  if (typeof doc['cutoff'] !== 'string') fail(path, 'cutoff missing');
  if (typeof env?.['python'] !== 'string' || typeof env['platform'] !== 'string')
    fail(path, 'environment.python and environment.platform are required');
  const capture = (doc['capture'] ?? {}) as Record<string, unknown>;
  const window = capture['window'] as Record<string, unknown> | undefined;
  if (window !== undefined && (typeof window['newest'] !== 'number' || window['newest'] < 1))
    fail(path, 'capture.window.newest must be a positive number');
  const series = window?.['series'] ?? 'none';
  if (series !== 'minor' && series !== 'major' && series !== 'none')
    fail(path, 'capture.window.series must be minor, major or none');
  const build = capture['build'] as Record<string, unknown> | undefined;
  if (build !== undefined && typeof build['newest'] !== 'number')
    fail(path, 'capture.build.newest must be a number');
  const also = build?.['also'] ?? [];
  if (!Array.isArray(also) || !also.every((a) => typeof a === 'string'))
    fail(path, 'capture.build.also must be a list of name==version strings');
  return {
    name: doc['name'],
    description: typeof doc['description'] === 'string' ? doc['description'] : '',
    requirements: doc['requirements'] as string[],
    cutoff: doc['cutoff'],
    environment: { python: env['python'], platform: env['platform'] },
    capture: {
      ...(window === undefined ? {} : { window: { newest: window['newest'] as number, series } }),
      ...(build === undefined
        ? {}
        : { build: { newest: build['newest'] as number, also: also as string[] } }),
    },
    path,
  };
}

export async function readWorkloads(names?: readonly string[]): Promise<Workload[]> {
  const files = (await readdir(WORKLOADS_DIR)).filter((f) => f.endsWith('.yaml')).sort();
  const all = await Promise.all(files.map((f) => readWorkload(join(WORKLOADS_DIR, f))));
  if (names === undefined || names.length === 0) return all;
  const picked = all.filter((w) => names.includes(w.name));
  const unknown = names.filter((n) => !all.some((w) => w.name === n));
  if (unknown.length > 0)
    throw new InputError(`unknown workload(s): ${unknown.join(', ')}`, { context: { unknown } });
  return picked;
}

export function environmentSpec(workload: Workload): EnvironmentSpec {
  const id = `bench-cpython-${workload.environment.python}-${workload.environment.platform}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .slice(0, 63);
  return { id, python: workload.environment.python, platform: workload.environment.platform };
}

export function targetEnvironment(workload: Workload): TargetEnvironment {
  return resolveEnvironment(environmentSpec(workload));
}

/** The PEP 508 marker environment the workload resolves in. */
export function markerEnvironment(workload: Workload): Record<string, string> {
  return { ...targetEnvironment(workload).environment.marker_environment } as Record<string, string>;
}
