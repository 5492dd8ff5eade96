// Loads prescriptions from YAML files or directories (the original's layout: a directory with
// `_prescription_metadata.yaml` naming the prescription, units spread over `xx_/package/*.yaml`
// files), walked breadth-first in name order, hidden entries skipped. Every file is validated; all
// problems of all files are reported together in one PrescriptionError, one line each.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPrescriptions } from './build.js';
import type { BuildOptions } from './build.js';
import { collectUnits } from './collect.js';
import type { NamespacedFile } from './collect.js';
import { PrescriptionError } from './errors.js';
import type { PrescriptionProblem } from './errors.js';
import { parsePrescriptionText } from './parse.js';
import type { LoadedPrescriptions } from './types.js';

export const METADATA_FILE = '_prescription_metadata.yaml';

const YAML_FILE = /\.ya?ml$/;

/** A prescription file's text and the name it is reported under. */
export interface PrescriptionSource {
  file: string;
  text: string;
  /** Prescription name for unit files that do not declare one. */
  namespace?: string | null;
}

/** Files of a directory, breadth-first, sorted by name in each directory, hidden entries skipped. */
async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) if (e.isFile() && YAML_FILE.test(e.name)) files.push(join(dir, e.name));
    for (const e of entries) if (e.isDirectory()) queue.push(join(dir, e.name));
  }
  return files;
}

async function readSources(path: string): Promise<PrescriptionSource[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new PrescriptionError([
      { file: path, unit: null, field: '', message: `cannot be read: ${(error as Error).message}` },
    ]);
  }
  if (!info.isDirectory()) return [{ file: path, text: await readFile(path, 'utf8') }];
  const files = await walk(path);
  // The metadata file names the directory's prescription; it is read first so every unit file below
  // it gets that namespace.
  const metadataPath = join(path, METADATA_FILE);
  const ordered = [...files.filter((f) => f === metadataPath), ...files.filter((f) => f !== metadataPath)];
  let namespace: string | null = null;
  const sources: PrescriptionSource[] = [];
  for (const file of ordered) {
    const text = await readFile(file, 'utf8');
    if (file === metadataPath) {
      const parsed = parsePrescriptionText(text, file);
      if (parsed.ok) namespace = parsed.data.prescription?.name ?? null;
    }
    sources.push({ file, text, namespace });
  }
  return sources;
}

/** Parses, validates and builds prescriptions from texts (the loader's pure half). */
export function prescriptionsFromSources(
  sources: readonly PrescriptionSource[],
  options: BuildOptions = {},
): LoadedPrescriptions {
  const problems: PrescriptionProblem[] = [];
  const files: NamespacedFile[] = [];
  for (const source of sources) {
    const parsed = parsePrescriptionText(source.text, source.file, source.namespace ?? null);
    if (parsed.ok) files.push({ file: source.file, data: parsed.data, namespace: source.namespace ?? null });
    else problems.push(...parsed.problems);
  }
  const collected = collectUnits(files);
  problems.push(...collected.problems);
  if (problems.length > 0) throw new PrescriptionError(problems);
  return buildPrescriptions(collected.specs, collected.releases, options);
}

/** Loads prescription files and directories, in the order given. Throws PrescriptionError. */
export async function loadPrescriptions(
  paths: readonly string[],
  options: BuildOptions = {},
): Promise<LoadedPrescriptions> {
  const sources: PrescriptionSource[] = [];
  for (const path of paths) sources.push(...(await readSources(path)));
  return prescriptionsFromSources(sources, options);
}
