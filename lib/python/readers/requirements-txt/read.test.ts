// The requirements.txt reader: single lines as pip classifies them, options with pip's semantics,
// includes through a loader with cycle detection, and errors that quote file:line:column.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../errors.js';
import type { LoadedFile, ProjectRequirement } from '../types.js';
import { readRequirementsTxt } from './read.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

/** A loader over the fixture directory, resolving includes relative to the including file, as pip does. */
function fixtureLoader(path: string, relativeTo: string): LoadedFile | undefined {
  const file = resolve(dirname(relativeTo), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

function readFixture(name: string, env: Record<string, string> = {}) {
  const file = join(FIXTURES, name);
  return readRequirementsTxt(readFileSync(file, 'utf8'), { file, load: fixtureLoader, env });
}

function readLine(text: string): ProjectRequirement {
  const result = readRequirementsTxt(text, { file: 'requirements.txt' });
  expect(result.requirements).toHaveLength(1);
  return result.requirements[0] as ProjectRequirement;
}

function errorOf(fn: () => unknown): ProjectFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProjectFileError) return error;
    throw error;
  }
  throw new Error('expected a ProjectFileError');
}

describe('requirement lines', () => {
  it('leaves the name unset for a bare URL or path that does not name itself', () => {
    expect(readLine('https://example.org/dist/archive.tar.gz')).not.toHaveProperty('name');
    expect(readLine('./libs/common[test]')).not.toHaveProperty('name');
  });

  it.each([
    ['flask', { kind: 'named', name: 'flask', specifier: '', extras: [] }],
    ['Flask>=2.0,<3', { kind: 'named', name: 'Flask', canonicalName: 'flask', specifier: '<3,>=2.0' }],
    [
      'requests[socks,security] ~= 2.31',
      { kind: 'named', name: 'requests', extras: ['security', 'socks'], specifier: '~=2.31' },
    ],
    [
      'pywin32==306 ; sys_platform == "win32"',
      { kind: 'named', specifier: '==306', marker: 'sys_platform == "win32"' },
    ],
    [
      "zope.interface>=6;python_version<'3.13'",
      { name: 'zope.interface', canonicalName: 'zope-interface', marker: 'python_version < "3.13"' },
    ],
    [
      'pkg @ https://example.org/pkg-1.0.tar.gz',
      { kind: 'url', name: 'pkg', url: 'https://example.org/pkg-1.0.tar.gz', specifier: '' },
    ],
    [
      'pkg @ file:///srv/wheels/pkg-1.0-py3-none-any.whl',
      { kind: 'path', name: 'pkg', path: '/srv/wheels/pkg-1.0-py3-none-any.whl' },
    ],
    [
      'lib @ git+https://github.com/org/lib.git@v1.2#subdirectory=python ; python_version >= "3.9"',
      {
        kind: 'vcs',
        name: 'lib',
        vcs: { type: 'git', url: 'https://github.com/org/lib.git', revision: 'v1.2', subdirectory: 'python' },
        marker: 'python_version >= "3.9"',
      },
    ],
    [
      'git+ssh://git@github.com/org/private.git#egg=private',
      { kind: 'vcs', name: 'private', vcs: { type: 'git', url: 'ssh://git@github.com/org/private.git' } },
    ],
    [
      'hg+https://hg.example.org/repo@tip#egg=repo',
      { kind: 'vcs', name: 'repo', vcs: { type: 'hg', url: 'https://hg.example.org/repo', revision: 'tip' } },
    ],
    [
      'https://example.org/dist/six-1.16.0-py2.py3-none-any.whl',
      { kind: 'url', name: 'six', url: 'https://example.org/dist/six-1.16.0-py2.py3-none-any.whl' },
    ],
    [
      'https://example.org/dist/archive.tar.gz',
      { kind: 'url', url: 'https://example.org/dist/archive.tar.gz' },
    ],
    [
      'https://example.org/x-1.0-py3-none-any.whl ; sys_platform == "linux"',
      { kind: 'url', name: 'x', marker: 'sys_platform == "linux"' },
    ],
    ['./libs/common[test]', { kind: 'path', path: './libs/common', extras: ['test'] }],
    ['../shared', { kind: 'path', path: '../shared' }],
    [
      'dist/tool-2.0-py3-none-any.whl',
      { kind: 'path', name: 'tool', path: 'dist/tool-2.0-py3-none-any.whl' },
    ],
    ['file:///opt/src/project', { kind: 'path', path: '/opt/src/project' }],
  ])('%s', (line, expected) => {
    expect(readLine(line)).toMatchObject({ editable: false, hashes: [], isConstraint: false, ...expected });
  });

  it.each([
    ['-e .', { kind: 'path', path: '.' }],
    ['-e ./packages/api[dev]', { kind: 'path', path: './packages/api', extras: ['dev'] }],
    [
      '--editable=git+https://github.com/org/tool.git@main#egg=tool',
      { kind: 'vcs', name: 'tool', vcs: { revision: 'main' } },
    ],
    // pip shlex-splits the options, so `name @ url` after -e must be quoted to stay one value.
    ['-e "tool[cli] @ git+https://github.com/org/tool.git"', { kind: 'vcs', name: 'tool', extras: ['cli'] }],
  ])('editable: %s', (line, expected) => {
    expect(readLine(line)).toMatchObject({ editable: true, ...expected });
  });

  it('keeps several --hash options, in file order, across continuation lines', () => {
    const entry = readLine(
      'attrs==23.2.0 \\\n    --hash=sha256:99b87a485a5820b23b879f04c2305b44b951b502fd64be915879d77a7e8fc6f1 \\\n    --hash sha256:935dc3b529c262f6cf76e50877d35a4bd3c1de194fd41f47a2b7ae8f19971f30\n',
    );
    expect(entry.hashes).toEqual([
      'sha256:99b87a485a5820b23b879f04c2305b44b951b502fd64be915879d77a7e8fc6f1',
      'sha256:935dc3b529c262f6cf76e50877d35a4bd3c1de194fd41f47a2b7ae8f19971f30',
    ]);
    expect(entry.text).toBe('attrs==23.2.0');
    expect(entry.origin).toEqual({ file: 'requirements.txt', line: 1, column: 1 });
  });
});

describe('preprocessing as pip does it', () => {
  it.each([
    [
      'a comment line ending in a backslash does not continue',
      '# note \\\nsix==1.16.0\n',
      ['six==1.16.0'],
      [2],
    ],
    [
      '`#` without a space before it is not a comment',
      'pkg @ https://h/p.zip#sha1=abc # pinned\n',
      ['pkg @ https://h/p.zip#sha1=abc'],
      [1],
    ],
    [
      'a comment line ends a continuation',
      'six==1.16.0 \\\n# trailing note\nidna==3.6\n',
      ['six==1.16.0', 'idna==3.6'],
      [1, 3],
    ],
    ['blank and whitespace-only lines are skipped', '\n   \n\tsix\n', ['six'], [3]],
    ['CRLF and a BOM', '\uFEFFsix\r\nidna\r\n', ['six', 'idna'], [1, 2]],
    ['a form feed splits lines like str.splitlines', 'six\fidna\n', ['six', 'idna'], [1, 2]],
  ])('%s', (_title, text, texts, lines) => {
    const result = readRequirementsTxt(text, { file: 'r.txt' });
    expect(result.requirements.map((r) => r.text)).toEqual(texts);
    expect(result.requirements.map((r) => r.origin.line)).toEqual(lines);
  });

  it.each([
    ['set variables are expanded', 'pkg==${VERSION}', { VERSION: '1.2.3' }, 'pkg==1.2.3'],
    [
      'unset variables stay as written',
      'https://${HOST}/x-1.0-py3-none-any.whl',
      {},
      'https://${HOST}/x-1.0-py3-none-any.whl',
    ],
    [
      'empty variables stay as written',
      'pkg==1 ; python_version > "${PY}"',
      { PY: '' },
      'pkg==1 ; python_version > "${PY}"',
    ],
    [
      'only ${NAME} is expanded, never $NAME',
      'pkg @ https://$HOST/${PATH_PART}/p.zip',
      { HOST: 'h', PATH_PART: 'a' },
      'pkg @ https://$HOST/a/p.zip',
    ],
  ])('%s', (_title, line, env, text) => {
    const result = readRequirementsTxt(line, { file: 'r.txt', env });
    expect(result.requirements[0]?.text).toBe(text);
  });
});

describe('options', () => {
  it('reads indexes with pip quirk: -i replaces extra indexes read before it', () => {
    const result = readRequirementsTxt(
      '--extra-index-url https://a.example/simple\n-i https://b.example/simple\n--extra-index-url=https://c.example/simple\n',
      { file: 'r.txt' },
    );
    expect(result.indexes.map((i) => [i.url, i.isPrimary, i.origin.line])).toEqual([
      ['https://b.example/simple', true, 2],
      ['https://c.example/simple', false, 3],
    ]);
  });

  it('--no-index drops all indexes and ignores later ones', () => {
    const result = readRequirementsTxt(
      '-i https://a.example/simple\n--no-index\n--extra-index-url https://b.example/simple\n-f ./wheels\n',
      { file: 'r.txt' },
    );
    expect(result).toMatchObject({ noIndex: true, indexes: [], findLinks: ['./wheels'] });
  });

  it.each([
    [
      '--only-binary :all:\n--no-binary psycopg,Pillow',
      { onlyBinary: [':all:'], noBinary: ['pillow', 'psycopg'] },
    ],
    ['--no-binary :all:\n--only-binary numpy', { onlyBinary: ['numpy'], noBinary: [':all:'] }],
    ['--only-binary numpy,scipy\n--no-binary scipy', { onlyBinary: ['numpy'], noBinary: ['scipy'] }],
    ['--only-binary :all:,:none:,lxml', { onlyBinary: ['lxml'], noBinary: [] }],
    ['--prefer-binary', { preferBinary: true }],
  ])('format control: %j', (text, expected) => {
    expect(readRequirementsTxt(text, { file: 'r.txt' }).binary).toMatchObject(expected);
  });

  it.each([
    ['--pre', { allReleases: [':all:'], onlyFinal: [] }],
    [
      '--all-releases Django\n--only-final django,celery',
      { allReleases: [], onlyFinal: ['celery', 'django'] },
    ],
  ])('release control: %j', (text, expected) => {
    expect(readRequirementsTxt(text, { file: 'r.txt' }).releases).toEqual(expected);
  });

  it('accepts optparse abbreviations of long options', () => {
    const result = readRequirementsTxt(
      '--extra-index https://a.example/simple\n--trusted download.example.org\n',
      { file: 'r.txt' },
    );
    expect(result.indexes[0]?.url).toBe('https://a.example/simple');
    expect(result.trustedHosts).toEqual(['download.example.org']);
  });

  it('turns hash checking on by one --hash, or by --require-hashes, and off by --no-require-hashes', () => {
    expect(readRequirementsTxt('six==1.16.0 --hash=sha256:ab', { file: 'r.txt' }).requireHashes).toBe(true);
    expect(readRequirementsTxt('--require-hashes\nsix==1.16.0', { file: 'r.txt' }).requireHashes).toBe(true);
    expect(
      readRequirementsTxt('--no-require-hashes\nsix==1.16.0 --hash=sha256:ab', { file: 'r.txt' })
        .requireHashes,
    ).toBe(false);
    expect(readRequirementsTxt('six==1.16.0', { file: 'r.txt' }).requireHashes).toBe(false);
  });

  it('reports options it understands but does not act on, by name and position', () => {
    const text =
      '--use-feature=fast-deps\npkg==1 --config-settings editable_mode=compat\n--hash=sha256:ab\n-r base.txt extra-word\n';
    const result = readRequirementsTxt(text, {
      file: 'r.txt',
      load: () => ({ file: 'base.txt', text: 'six\n' }),
    });
    expect(result.unsupported.map((u) => [u.name, u.origin.line, u.origin.column])).toEqual([
      ['--use-feature', 1, 1],
      ['--config-settings', 2, 8],
      ['--hash', 3, 1],
      ['extra-word', 4, 13],
    ]);
  });
});

describe('includes', () => {
  it('reads -r and -c files through the loader, in place and with their own positions', () => {
    const result = readFixture('requirements-web-app.txt', { SENTRY_SDK_VERSION: '1.45.0' });
    expect(
      result.requirements.map((r) => [
        r.canonicalName ?? r.path,
        r.kind,
        r.origin.file.split('/').pop(),
        r.origin.line,
      ]),
    ).toEqual([
      ['requests', 'named', 'requirements-base.txt', 2],
      ['attrs', 'named', 'requirements-base.txt', 3],
      ['django', 'named', 'requirements-web-app.txt', 8],
      ['gunicorn', 'named', 'requirements-web-app.txt', 9],
      ['psycopg', 'named', 'requirements-web-app.txt', 12],
      ['uvicorn', 'named', 'requirements-web-app.txt', 13],
      ['django-audit', 'vcs', 'requirements-web-app.txt', 14],
      ['whitenoise', 'url', 'requirements-web-app.txt', 15],
      ['./vendor/internal-utils', 'path', 'requirements-web-app.txt', 16],
      ['orjson', 'url', 'requirements-web-app.txt', 17],
      ['sentry-sdk', 'named', 'requirements-web-app.txt', 18],
    ]);
    expect(result.constraints.map((c) => [c.canonicalName, c.specifier, c.isConstraint])).toEqual([
      ['urllib3', '<2.3', true],
      ['charset-normalizer', '==3.3.2', true],
    ]);
    expect(result.requirements.find((r) => r.canonicalName === 'sentry-sdk')?.specifier).toBe('==1.45.0');
    expect(result.includedFiles.map((f) => f.split('/').pop())).toEqual([
      'requirements-base.txt',
      'constraints-web.txt',
    ]);
    expect(result.indexes.map((i) => [i.url, i.verifySsl])).toEqual([
      ['https://pypi.org/simple', true],
      ['https://download.pytorch.org/whl/cpu', false],
    ]);
    expect(result.binary).toEqual({ onlyBinary: [':all:'], noBinary: ['psycopg'], preferBinary: false });
    expect(result.requireHashes).toBe(true);
  });

  it('allows the same file from two branches (a diamond), as pip does', () => {
    const result = readFixture('requirements-diamond.txt');
    expect(result.requirements.map((r) => r.canonicalName)).toEqual([
      'requests',
      'attrs',
      'requests',
      'attrs',
      'pytest',
    ]);
  });

  it('refuses a file that includes one of its ancestors', () => {
    const error = errorOf(() => readFixture('requirements-cycle-a.txt'));
    expect(error.code).toBe('requirements-file-cycle');
    const a = join(FIXTURES, 'requirements-cycle-a.txt');
    const b = join(FIXTURES, 'requirements-cycle-b.txt');
    expect(error.message).toBe(
      `${b}:2:17: ${a} recursively references itself in ${b}\n      --requirement requirements-cycle-a.txt\n                    ^^^^^^^^^^^^^^^^^^^^^^^^`,
    );
  });

  it('names a missing include, and the absence of a loader', () => {
    const missing = errorOf(() =>
      readRequirementsTxt('six\n-c nowhere.txt\n', { file: 'r.txt', load: () => undefined }),
    );
    expect(missing.code).toBe('requirements-file-not-found');
    expect(missing.message.split('\n')[0]).toBe('r.txt:2:4: could not open constraint file: nowhere.txt');
    const noLoader = errorOf(() => readRequirementsTxt('-r base.txt\n', { file: 'r.txt' }));
    expect(noLoader.message.split('\n')[0]).toBe(
      'r.txt:1:4: cannot read base.txt: no file loader was given for includes',
    );
  });

  it('reads a whole file as constraints when asked to', () => {
    const result = readRequirementsTxt('urllib3<2\n', { file: 'c.txt', isConstraintFile: true });
    expect(result.requirements).toEqual([]);
    expect(result.constraints[0]).toMatchObject({ canonicalName: 'urllib3', isConstraint: true });
  });
});

describe('errors quote file:line:column and underline the span', () => {
  it.each([
    [
      'an unknown option',
      'six==1.16.0\n--install-option="--prefix=/x"\n',
      'r.txt:2:1: no such option: --install-option\n    --install-option="--prefix=/x"\n    ^^^^^^^^^^^^^^^^',
    ],
    [
      'an option without its value',
      'flask\n--index-url\n',
      'r.txt:2:1: --index-url option requires 1 argument\n    --index-url\n    ^^^^^^^^^^^',
    ],
    [
      'a flag given a value',
      '--pre=yes\n',
      'r.txt:1:1: --pre option does not take a value\n    --pre=yes\n    ^^^^^^^^^',
    ],
    [
      'a weak hash algorithm',
      'six==1.16.0 --hash=md5:0123\n',
      'r.txt:1:20: allowed hash algorithms for --hash are sha256, sha384, sha512\n    six==1.16.0 --hash=md5:0123\n                       ^^^',
    ],
    [
      'an unclosed quote in the options',
      'six --hash="sha256:ab\n',
      'r.txt:1:12: no closing quotation\n    six --hash="sha256:ab\n               ^^^^^^^^^^',
    ],
    [
      'a bad specifier, on the second physical line of a continuation',
      '# deps\nrequests>=2.0 \\\n  ; python_version >> "3"\n',
      'r.txt:3:21: invalid requirement: Expected a marker variable or quoted string\n      ; python_version >> "3"\n                        ^',
    ],
    [
      'a VCS editable without a name',
      '-e git+https://github.com/org/tool.git\n',
      "r.txt:1:4: could not detect requirement name for 'git+https://github.com/org/tool.git', please specify one with your_package_name @ URL\n    -e git+https://github.com/org/tool.git\n       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    ],
  ])('%s', (_title, text, message) => {
    const error = errorOf(() => readRequirementsTxt(text, { file: 'r.txt' }));
    expect(error.code).toBe('invalid-requirements-file');
    expect(error.message).toBe(message);
  });
});
