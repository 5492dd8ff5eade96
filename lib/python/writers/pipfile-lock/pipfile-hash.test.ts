// pipenv's Pipfile hash. Expected digests were computed by pipenv 2026.10.3
// (`Project().pipfile.calculate_hash()`); test/unit/lock-consumers re-checks them against pipenv live.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LockWriteError } from '../errors.js';
import { computePipfileHash, pipfileHashData } from './pipfile-hash.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('computePipfileHash', () => {
  it.each([
    ['pipfile-no-source.toml', 'e76ae491d793d659f05c7f7eab261fd6167dc062efcba08f17be68e73eb87665'],
    ['pipfile-names-and-categories.toml', 'f07c1f3bd52e53fdeacc33c0970a0cdbd676c76bb2e3d47d5d48eab5b127252b'],
    ['pipfile-unicode.toml', 'b4ae3ca4b34b4481846336a38801b99396546de263c09fc12f6a68679674ca3d'],
  ])('%s', (name, digest) => {
    expect(computePipfileHash(fixture(name))).toBe(digest);
  });

  it('adds the default PyPI source, keeps categories, drops [pipenv] and [scripts], normalizes names', () => {
    expect(pipfileHashData(fixture('pipfile-no-source.toml'))).toEqual({
      _meta: { sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }], requires: {} },
      default: { requests: '*' },
      develop: { pytest: '*' },
    });
    const data = pipfileHashData(fixture('pipfile-names-and-categories.toml')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(data).sort()).toEqual(['_meta', 'default', 'develop', 'docs']);
    expect(Object.keys(data.default ?? {})).toEqual([
      'django',
      'zope-interface',
      'typing-extensions',
      'pyyaml',
      'internal-lib',
      'mylib',
    ]);
    expect(Object.keys(data.docs ?? {})).toEqual(['sphinx', 'sphinx-rtd-theme']);
  });

  it('hashes names as written in legacy (plette) mode, so case matters there only', () => {
    const upper = '[packages]\nDjango = "*"\n';
    const lower = '[packages]\ndjango = "*"\n';
    expect(computePipfileHash(upper)).toBe(computePipfileHash(lower));
    expect(computePipfileHash(upper, { legacy: true })).not.toBe(computePipfileHash(lower, { legacy: true }));
  });

  it('refuses what pipenv cannot hash either', () => {
    expect(() => computePipfileHash('[packages]\nsix = "*"\n[release]\nwhen = 2024-01-01\n')).toThrow(
      LockWriteError,
    );
    expect(() => computePipfileHash('[packages]\nsix = \n')).toThrow(/not valid TOML \(line 2, column 7\)/);
  });
});
