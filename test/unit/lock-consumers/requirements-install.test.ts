// Acceptance: a requirements.txt written by writeRequirementsTxt installs with pip in hash-checking mode
// from a local PEP 503 index, pip honours the markers we write, and pip refuses a wrong hash.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRequirementsTxt, type LockedStack } from '../../../lib/python/writers/index.js';
import { runPython, serveDirectory, type FileServer } from './python.js';
import { buildWheelIndex, type BuiltWheel } from './wheels.js';

describe('pip installs our requirements.txt with --require-hashes', () => {
  let root: string;
  let server: FileServer;
  let wheels: BuiltWheel[];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'thoth-pip-index-'));
    wheels = buildWheelIndex(root, [
      { name: 'thoth_alpha', version: '1.0.0' },
      { name: 'thoth_beta', version: '2.1.0' },
      // A second wheel of the same version: the requirement must list both hashes.
      { name: 'thoth_beta', version: '2.1.0', tag: 'py2.py3-none-any' },
      { name: 'thoth_gamma', version: '0.3.0' },
    ]);
    server = await serveDirectory(root);
  }, 60_000);

  afterAll(() => server?.stop());

  function stackFor(overrides: { alphaSha?: string } = {}): LockedStack {
    const index = `${server.url}/simple`;
    const filesOf = (name: string) =>
      wheels
        .filter((w) => w.name === name)
        .map((w) => ({
          url: `${server.url}/files/${w.filename}`,
          sha256: name === 'thoth_alpha' && overrides.alphaSha ? overrides.alphaSha : w.sha256,
          size: w.size,
        }));
    return {
      sources: [{ name: 'local', url: index, verifySsl: false }],
      environments: [],
      packages: [
        {
          name: 'thoth_alpha',
          version: '1.0.0',
          indexUrl: index,
          extras: [],
          dev: false,
          files: filesOf('thoth_alpha'),
        },
        {
          name: 'Thoth-Beta',
          version: '2.1.0',
          indexUrl: index,
          extras: [],
          dev: false,
          files: filesOf('thoth_beta'),
        },
        // No real platform has this sys_platform, so pip must skip the package.
        {
          name: 'thoth_gamma',
          version: '0.3.0',
          indexUrl: index,
          extras: [],
          dev: false,
          markers: 'sys_platform == "thoth-nowhere"',
          files: filesOf('thoth_gamma'),
        },
      ],
    };
  }

  function pipInstall(requirements: string) {
    const work = mkdtempSync(join(tmpdir(), 'thoth-pip-install-'));
    const file = join(work, 'requirements.txt');
    writeFileSync(file, requirements);
    const target = join(work, 'site');
    const run = runPython([
      '-m',
      'pip',
      'install',
      '--isolated',
      '--disable-pip-version-check',
      '--no-input',
      '--no-cache-dir',
      '--require-hashes',
      '--no-deps',
      '--index-url',
      `${server.url}/simple`,
      '--target',
      target,
      '-r',
      file,
    ]);
    return { run, target };
  }

  it('installs every package whose marker matches, verifying both hashes of a two-wheel release', () => {
    const requirements = writeRequirementsTxt(stackFor());
    const beta = wheels
      .filter((w) => w.name === 'thoth_beta')
      .map((w) => w.sha256)
      .sort();
    expect(requirements).toContain(
      `thoth-beta==2.1.0 \\\n    --hash=sha256:${beta[0]} \\\n    --hash=sha256:${beta[1]}\n`,
    );
    const { run, target } = pipInstall(requirements);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(target, 'thoth_alpha', '__init__.py'), 'utf8')).toBe("VERSION = '1.0.0'\n");
    expect(readFileSync(join(target, 'thoth_beta', '__init__.py'), 'utf8')).toBe("VERSION = '2.1.0'\n");
    expect(existsSync(join(target, 'thoth_gamma'))).toBe(false);
    expect(run.stdout).toMatch(
      /Ignoring thoth-gamma: markers 'sys_platform == "thoth-nowhere"' don't match your environment/,
    );
  });

  it('is refused by pip when a hash does not match the file', () => {
    const { run, target } = pipInstall(writeRequirementsTxt(stackFor({ alphaSha: 'f'.repeat(64) })));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE');
    expect(run.stderr).toMatch(/thoth-alpha==1\.0\.0 from .*thoth_alpha-1\.0\.0-py3-none-any\.whl/);
    expect(existsSync(join(target, 'thoth_alpha'))).toBe(false);
  });
});
