import { describe, expect, it } from 'vitest';
import type { ProjectFile } from '../index/index.js';
import { TagPriorities } from '../python/index.js';
import { classifyFiles } from './files.js';
import { installabilityVerdict, resolveEnvironment } from './index.js';

const LINUX = resolveEnvironment({ id: 'linux-py311', python: '3.11.7', platform: 'manylinux_2_28_x86_64' });
const OLD = resolveEnvironment({ id: 'linux-py38', python: '3.8.18', platform: 'manylinux_2_17_x86_64' });

function file(filename: string, requiresPython?: string): ProjectFile {
  return {
    filename,
    url: `https://files.example/${filename}`,
    indexUrl: 'https://example/simple/',
    hashes: { sha256: 'a'.repeat(64) },
    requiresPython,
    yanked: false,
    yankedReason: undefined,
    size: 1,
    uploadTime: undefined,
    coreMetadata: false,
  };
}

function verdict(
  files: ProjectFile[],
  requiresPython: string | null,
  target = LINUX,
): ReturnType<typeof installabilityVerdict> {
  const { distributions } = classifyFiles(files);
  return installabilityVerdict(
    distributions,
    requiresPython,
    target.environment,
    new TagPriorities(target.supportedTags),
  );
}

describe('installabilityVerdict', () => {
  it.each([
    [
      'a pure wheel',
      [file('p-1.0-py3-none-any.whl')],
      null,
      { installable: true, reason: null, detail: null },
    ],
    [
      'a compatible manylinux wheel',
      [file('p-1.0-cp311-cp311-manylinux_2_17_x86_64.whl')],
      null,
      { installable: true, reason: null, detail: null },
    ],
    [
      'only an sdist: presumed installable, marked sdist-only',
      [file('p-1.0.tar.gz')],
      null,
      {
        installable: true,
        reason: 'sdist-only',
        detail: 'no wheel; installers build p-1.0.tar.gz (not tried by the solver)',
      },
    ],
    [
      'wheels for other platforms plus an sdist',
      [file('p-1.0-cp311-cp311-win_amd64.whl'), file('p-1.0.zip')],
      null,
      {
        installable: true,
        reason: 'sdist-only',
        detail: 'none of 1 wheels fits; installers build p-1.0.zip (not tried by the solver)',
      },
    ],
    [
      'a glibc too new for the environment and no sdist',
      [file('p-1.0-cp311-cp311-manylinux_2_34_x86_64.whl')],
      null,
      {
        installable: false,
        reason: 'no-compatible-file',
        detail: 'none of 1 wheels fits linux-py311 (cp311-cp311-manylinux_2_34_x86_64)',
      },
    ],
    [
      'Requires-Python from the metadata',
      [file('p-1.0-py3-none-any.whl')],
      '>=3.12',
      {
        installable: false,
        reason: 'requires-python',
        detail: 'Requires-Python >=3.12 excludes Python 3.11.7',
      },
    ],
    [
      "the index's per-file Requires-Python wins over the metadata's",
      [file('p-1.0-py3-none-any.whl', '>=3.8')],
      '>=3.12',
      { installable: true, reason: null, detail: null },
    ],
    [
      'an unparsable Requires-Python is ignored, as pip does',
      [file('p-1.0-py3-none-any.whl', '>=3.6.*')],
      null,
      { installable: true, reason: null, detail: null },
    ],
    [
      '.egg and .exe files do not count',
      [file('p-1.0-py3.11.egg'), file('p-1.0.win32.exe'), file('p-1.0-py3-none-any.whl')],
      null,
      { installable: true, reason: null, detail: null },
    ],
  ])('%s', (_, files, requiresPython, expected) => {
    expect(verdict(files, requiresPython)).toEqual(expected);
  });

  it('keeps a wheel whose own Requires-Python admits an older interpreter', () => {
    const files = [
      file('p-1.0-cp38-cp38-manylinux_2_17_x86_64.whl', '>=3.8'),
      file('p-1.0-py3-none-any.whl', '>=3.11'),
    ];
    expect(verdict(files, null, OLD)).toEqual({ installable: true, reason: null, detail: null });
  });
});
