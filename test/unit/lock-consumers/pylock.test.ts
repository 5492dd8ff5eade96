// Acceptance against packaging.pylock (packaging >= 26.1): a pylock.toml we write loads with
// Pylock.from_dict(tomllib.load(...)), validates, and selects the packages and files we expect.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePylockToml, type LockedStack } from '../../../lib/python/writers/index.js';
import { pythonJson } from './python.js';

// Loads, validates, round-trips through to_dict, then selects for two environments and group choices.
const SELECT = `
import json, sys, tomllib
from packaging.pylock import Pylock
from packaging.markers import default_environment
from packaging.tags import Tag
with open(sys.argv[1], "rb") as f:
    lock = Pylock.from_dict(tomllib.load(f))
lock.validate()
base = dict(default_environment(), python_full_version="3.12.3", python_version="3.12")
linux = dict(base, sys_platform="linux", platform_system="Linux", platform_machine="x86_64")
windows = dict(base, sys_platform="win32", platform_system="Windows", platform_machine="AMD64")
linux_tags = [Tag("cp312", "cp312", "manylinux_2_17_x86_64"), Tag("py3", "none", "any")]
windows_tags = [Tag("cp312", "cp312", "win_amd64"), Tag("py3", "none", "any")]
def pick(env, tags, groups):
    out = []
    for package, source in lock.select(environment=env, tags=tags, dependency_groups=groups):
        out.append([package.name, str(package.version) if package.version else None, type(source).__name__, getattr(source, "filename", None) if type(source).__name__ in ("PackageWheel", "PackageSdist") else None])
    return out
print(json.dumps({
    "lock_version": str(lock.lock_version),
    "created_by": lock.created_by,
    "linux": pick(linux, linux_tags, None),
    "linux_dev": pick(linux, linux_tags, ["dev"]),
    "windows_dev": pick(windows, windows_tags, ["dev"]),
}))
`;

const sha = (digit: string) => digit.repeat(64);
const PYPI = 'https://pypi.org/simple';

const STACK: LockedStack = {
  requiresPython: '>=3.10',
  environments: ['sys_platform == "linux"', 'sys_platform == "win32"'],
  sources: [{ name: 'pypi', url: PYPI, verifySsl: true }],
  packages: [
    {
      name: 'MarkupSafe',
      version: '2.1.5',
      indexUrl: PYPI,
      extras: [],
      dev: false,
      requiresPython: '>=3.7',
      files: [
        {
          url: 'https://files.example/MarkupSafe-2.1.5.tar.gz',
          sha256: sha('a'),
          size: 19384,
          uploadTime: '2024-02-02T16:30:04.105110Z',
        },
        {
          url: 'https://files.example/MarkupSafe-2.1.5-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
          sha256: sha('b'),
          size: 28813,
        },
        {
          url: 'https://files.example/MarkupSafe-2.1.5-cp312-cp312-win_amd64.whl',
          sha256: sha('c'),
          size: 17127,
          uploadTime: '2024-02-02T16:31:22+00:00',
        },
      ],
    },
    {
      name: 'colorama',
      version: '0.4.6',
      indexUrl: PYPI,
      extras: [],
      dev: false,
      markers: "sys_platform == 'win32'",
      files: [{ url: 'https://files.example/colorama-0.4.6-py2.py3-none-any.whl', sha256: sha('d') }],
    },
    {
      name: 'pytest',
      version: '8.1.1',
      indexUrl: PYPI,
      extras: [],
      dev: true,
      dependencies: ['iniconfig', 'pluggy', 'packaging'],
      files: [{ url: 'https://files.example/pytest-8.1.1-py3-none-any.whl', sha256: sha('e') }],
    },
    {
      name: 'pywin32',
      version: '306',
      indexUrl: PYPI,
      extras: [],
      dev: true,
      markers: 'sys_platform == "win32" or platform_system == "Windows"',
      files: [{ path: 'wheels/pywin32-306-cp312-cp312-win_amd64.whl', sha256: sha('f') }],
    },
    {
      name: 'app-core',
      version: '0.1.0',
      extras: [],
      dev: false,
      files: [],
      direct: { kind: 'directory', path: './packages/core', editable: true },
    },
    {
      name: 'billing',
      version: '1.2.0',
      extras: [],
      dev: false,
      files: [],
      direct: {
        kind: 'vcs',
        type: 'git',
        url: 'https://github.com/example-org/billing.git',
        requestedRevision: 'v1.2.0',
        commitId: '0123456789abcdef0123456789abcdef01234567',
      },
    },
    {
      name: 'vendored',
      version: '3.0',
      extras: [],
      dev: false,
      files: [],
      direct: {
        kind: 'archive',
        url: 'https://files.example/vendored-3.0.tar.gz',
        sha256: sha('9'),
        size: 4096,
      },
    },
  ],
};

describe('packaging.pylock', () => {
  it('loads, validates and selects what our pylock.toml describes', () => {
    const work = mkdtempSync(join(tmpdir(), 'thoth-pylock-'));
    const file = join(work, 'pylock.toml');
    writeFileSync(file, writePylockToml(STACK));
    const result = pythonJson<Record<string, unknown>>(SELECT, [file]);
    expect(result.lock_version).toBe('1.0');
    expect(result.created_by).toBe('thoth');
    expect(result.linux).toEqual([
      ['app-core', '0.1.0', 'PackageDirectory', null],
      ['billing', '1.2.0', 'PackageVcs', null],
      [
        'markupsafe',
        '2.1.5',
        'PackageWheel',
        'MarkupSafe-2.1.5-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      ],
      ['vendored', '3.0', 'PackageArchive', null],
    ]);
    expect((result.linux_dev as unknown[][]).map((row) => row[0])).toEqual([
      'app-core',
      'billing',
      'markupsafe',
      'pytest',
      'vendored',
    ]);
    expect(result.windows_dev).toEqual([
      ['app-core', '0.1.0', 'PackageDirectory', null],
      ['billing', '1.2.0', 'PackageVcs', null],
      ['colorama', '0.4.6', 'PackageWheel', 'colorama-0.4.6-py2.py3-none-any.whl'],
      ['markupsafe', '2.1.5', 'PackageWheel', 'MarkupSafe-2.1.5-cp312-cp312-win_amd64.whl'],
      ['pytest', '8.1.1', 'PackageWheel', 'pytest-8.1.1-py3-none-any.whl'],
      ['pywin32', '306', 'PackageWheel', 'pywin32-306-cp312-cp312-win_amd64.whl'],
      ['vendored', '3.0', 'PackageArchive', null],
    ]);
  });
});
