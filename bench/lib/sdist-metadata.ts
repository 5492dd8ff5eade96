// A PackageIndex that builds the metadata lib/index cannot read from an sdist (PKG-INFO older than
// PEP 643, or none), for capturing the bench corpora: without it a project published only as an old
// sdist (python-nvd3, pycparser in 2019, python-slugify 4.0.1 …) is missing from the corpus and no
// tool can resolve a workload that needs it. pip prepares the metadata (PEP 517
// prepare_metadata_for_build_wheel, in an isolated build environment) with
// `pip install --dry-run --no-deps --report`; only the newest `newest` versions of each project and
// the releases named in `also` are built (a build takes seconds), the rest stay unavailable. Built
// metadata is kept on disk by the sdist's sha256.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import type { MetadataLookup, PackageIndex, ProjectFile, ProjectLookup } from '../../lib/index/index.js';
import { fileVersion, parseCoreMetadata } from '../../lib/index/index.js';
import { canonicalizeName, compareVersions, tryParseVersion } from '../../lib/python/index.js';

const run = promisify(execFile);

export interface SdistBuild {
  /** Build the newest N versions of each project when their sdist metadata is unreadable. */
  newest: number;
  /** Also build these releases (`name==version`), e.g. exact pins of a root. */
  also: readonly string[];
}

export interface SdistMetadataOptions {
  build: SdistBuild;
  /** The pip that prepares metadata (the bench venv's). */
  pip: string;
  /** The index pip downloads the sdist from. */
  indexUrl: string;
  /** Where built metadata is kept, by sdist sha256. */
  cacheDir: string;
  /** Builds at once (each is a Python process). */
  concurrency?: number;
}

const BUILDABLE = new Set(['sdist-metadata-too-old', 'sdist-without-pkg-info', 'sdist-dynamic-dependencies']);

interface PipMetadata {
  metadata_version?: string;
  name: string;
  version: string;
  requires_python?: string;
  requires_dist?: string[];
  provides_extra?: string[];
}

/** pip's report metadata (PEP 566 JSON form) back to METADATA headers. */
export function metadataText(m: PipMetadata): string {
  const lines = ['Metadata-Version: 2.1', `Name: ${m.name}`, `Version: ${m.version}`];
  if (m.requires_python !== undefined && m.requires_python !== '')
    lines.push(`Requires-Python: ${m.requires_python}`);
  for (const extra of m.provides_extra ?? []) lines.push(`Provides-Extra: ${extra}`);
  for (const requirement of m.requires_dist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  return lines.join('\n') + '\n';
}

export class SdistMetadataIndex implements PackageIndex {
  readonly indexUrls: readonly string[];
  /** Normalized versions to build, per normalized project name. */
  private readonly wanted = new Map<string, Set<string>>();
  private readonly limit: ReturnType<typeof pLimit>;
  /** Builds done and failed (for the capture's summary). */
  readonly stats = { built: 0, failed: 0, cached: 0 };

  constructor(
    private readonly inner: PackageIndex,
    private readonly options: SdistMetadataOptions,
  ) {
    this.indexUrls = inner.indexUrls;
    this.limit = pLimit(options.concurrency ?? 2);
    for (const pin of options.build.also) {
      const [name, version] = pin.split('==');
      if (name === undefined || version === undefined) continue;
      this.want(canonicalizeName(name)).add(tryParseVersion(version)?.toString() ?? version);
    }
  }

  private want(name: string): Set<string> {
    let set = this.wanted.get(name);
    if (set === undefined) this.wanted.set(name, (set = new Set()));
    return set;
  }

  async getProject(name: string): Promise<ProjectLookup> {
    const page = await this.inner.getProject(name);
    if (page.kind === 'not-found') return page;
    const versions = new Map<string, string>();
    for (const file of page.files) {
      const raw = fileVersion(file.filename, page.name);
      const v = raw === undefined ? undefined : tryParseVersion(raw);
      if (v !== undefined) versions.set(v.toString(), v.toString());
    }
    const newest = [...versions.values()]
      .sort((a, b) => compareVersions(b, a))
      .slice(0, this.options.build.newest);
    for (const v of newest) this.want(page.normalizedName).add(v);
    return page;
  }

  async getCoreMetadata(file: ProjectFile): Promise<MetadataLookup> {
    const lookup = await this.inner.getCoreMetadata(file);
    if (lookup.kind !== 'needs-build' || !BUILDABLE.has(lookup.reason)) return lookup;
    const name = /^(.*)-[^-]+$/.exec(file.filename.replace(/\.(tar\.gz|zip)$/, ''))?.[1];
    const raw = name === undefined ? undefined : fileVersion(file.filename, name);
    const version = raw === undefined ? undefined : (tryParseVersion(raw)?.toString() ?? raw);
    if (name === undefined || version === undefined) return lookup;
    if (this.wanted.get(canonicalizeName(name))?.has(version) !== true) return lookup;
    const text = await this.limit(() => this.build(canonicalizeName(name), version, file));
    if (text === undefined) return lookup;
    return parseCoreMetadata(text, { filename: file.filename, source: 'sdist-pkg-info' });
  }

  private async build(name: string, version: string, file: ProjectFile): Promise<string | undefined> {
    const sha = file.hashes['sha256'];
    const cached = sha === undefined ? undefined : join(this.options.cacheDir, `${sha}.METADATA`);
    if (cached !== undefined) {
      try {
        const text = await readFile(cached, 'utf8');
        this.stats.cached++;
        return text;
      } catch {
        // not built yet
      }
    }
    const work = join(this.options.cacheDir, `work-${name}-${version}`);
    await mkdir(work, { recursive: true });
    try {
      const report = join(work, 'report.json');
      await run(
        this.options.pip,
        [
          'install',
          '--dry-run',
          '--no-deps',
          '--ignore-installed',
          '--quiet',
          '--disable-pip-version-check',
          '--no-binary',
          name,
          '--index-url',
          this.options.indexUrl,
          '--report',
          report,
          `${name}==${version}`,
        ],
        { timeout: 180_000, env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' } },
      );
      const parsed = JSON.parse(await readFile(report, 'utf8')) as { install: { metadata: PipMetadata }[] };
      const metadata = parsed.install[0]?.metadata;
      if (metadata === undefined) throw new Error('empty pip report');
      const text = metadataText(metadata);
      if (cached !== undefined) await writeFile(cached, text);
      this.stats.built++;
      return text;
    } catch {
      // A build that fails (a setup.py that needs a compiler or Python 2) leaves the release
      // unavailable, exactly as it was: the capture goes on.
      this.stats.failed++;
      return undefined;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
