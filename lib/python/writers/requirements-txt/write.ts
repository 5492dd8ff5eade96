// Writes a locked stack as a pip requirements file in hash-checking form, laid out as
// `pip-compile --generate-hashes` lays it out: index options first, then one `name==version` per
// package with its marker, each `--hash=sha256:…` on its own continuation line, hashes sorted.
// pip then installs it with `--require-hashes` (implied as soon as one line has a hash).
import { canonicalizeName } from '../../name/index.js';
import { normalizedExtras, normalizedMarker, packageHashes, sortedPackages } from '../common.js';
import { LockWriteError } from '../errors.js';
import type { LockedPackage, LockedStack, WriteOptions } from '../types.js';

const FORMAT = 'requirements.txt';

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function header(stack: LockedStack): string[] {
  const lines = [
    '#',
    '# This file was written by Thoth. Install it with:',
    '#    pip install --require-hashes --no-deps -r requirements.txt',
    '#',
  ];
  stack.sources.forEach((source, index) =>
    lines.push(`${index === 0 ? '--index-url' : '--extra-index-url'} ${source.url}`),
  );
  for (const source of stack.sources) {
    const host = hostOf(source.url);
    if (!source.verifySsl && host !== undefined) lines.push(`--trusted-host ${host}`);
  }
  return lines;
}

function requirementText(pkg: LockedPackage): string {
  const name = canonicalizeName(pkg.name);
  const extras = normalizedExtras(pkg);
  const withExtras = extras.length === 0 ? name : `${name}[${extras.join(',')}]`;
  const direct = pkg.direct;
  if (direct === undefined) return `${withExtras}==${pkg.version}`;
  if (direct.kind === 'vcs') {
    const fragment = direct.subdirectory === undefined ? '' : `#subdirectory=${direct.subdirectory}`;
    return `${withExtras} @ ${direct.type}+${direct.url}@${direct.commitId}${fragment}`;
  }
  if (direct.kind === 'directory') {
    // pip only accepts an editable directory as `-e <path>`; a plain one as a path requirement.
    return direct.editable ? `-e ${direct.path}` : direct.path;
  }
  const location = direct.url ?? direct.path;
  if (location === undefined)
    throw new LockWriteError(
      'invalid-locked-stack',
      `${pkg.name} ${pkg.version}: an archive source needs a url or a path`,
      { package: pkg.name, version: pkg.version, format: FORMAT },
    );
  return `${withExtras} @ ${location}`;
}

function packageLines(pkg: LockedPackage): string {
  let first = requirementText(pkg);
  const marker = normalizedMarker(pkg, FORMAT);
  // pip splits a marker off a URL requirement only at "; ", so a space before ';' is needed there too.
  if (marker !== undefined) first += ` ; ${marker}`;
  const hashes =
    pkg.direct?.kind === 'archive'
      ? [`sha256:${pkg.direct.sha256}`]
      : pkg.direct === undefined
        ? packageHashes(pkg, FORMAT)
        : [];
  if (hashes.length === 0) return first;
  return [first, ...hashes.map((hash) => `    --hash=${hash}`)].join(' \\\n');
}

/** Renders the stack as a requirements file with hashes (dev packages only with `includeDev`). */
export function writeRequirementsTxt(stack: LockedStack, options: WriteOptions = {}): string {
  const packages = sortedPackages(stack).filter((pkg) => options.includeDev === true || !pkg.dev);
  return `${[...header(stack), '', ...packages.map(packageLines)].join('\n')}\n`;
}
