// The pyproject.toml reader: PEP 621 dependencies and extras, requires-python, PEP 735 groups with
// includes expanded, and errors pointing into the TOML strings.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../errors.js';
import { readPyprojectToml } from './read.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const read = (name: string) =>
  readPyprojectToml(readFileSync(join(FIXTURES, name), 'utf8'), { file: 'pyproject.toml' });

function errorOf(text: string): ProjectFileError {
  try {
    readPyprojectToml(text, { file: 'pyproject.toml' });
  } catch (error) {
    if (error instanceof ProjectFileError) return error;
    throw error;
  }
  throw new Error('expected a ProjectFileError');
}

describe('readPyprojectToml', () => {
  const result = read('pyproject-analytics.toml');

  it('reads the project name and requires-python', () => {
    expect(result.projectName).toBe('analytics-service');
    expect(result.python).toEqual({ requiresPython: '>=3.10' });
  });

  it('reads dependencies, extras and groups with positions, includes expanded in place', () => {
    const rows = result.requirements.map((r) => [
      r.group.kind === 'default' ? 'default' : `${r.group.kind}:${(r.group as { name: string }).name}`,
      r.canonicalName,
      r.origin.line,
      r.origin.column,
    ]);
    expect(rows).toEqual([
      ['default', 'fastapi', 10, 5],
      ['default', 'pydantic', 11, 5],
      ['default', 'orjson', 12, 5],
      ['extra:postgres', 'psycopg', 16, 13],
      ['extra:cli', 'typer', 17, 8],
      ['extra:cli', 'rich', 17, 23],
      ['dependency-group:typing', 'mypy', 20, 11],
      ['dependency-group:typing', 'types-requests', 20, 24],
      ['dependency-group:test', 'pytest', 21, 9],
      ['dependency-group:test', 'pytest-asyncio', 21, 22],
      ['dependency-group:test', 'mypy', 20, 11],
      ['dependency-group:test', 'types-requests', 20, 24],
      ['dependency-group:Dev', 'pytest', 21, 9],
      ['dependency-group:Dev', 'pytest-asyncio', 21, 22],
      ['dependency-group:Dev', 'mypy', 20, 11],
      ['dependency-group:Dev', 'types-requests', 20, 24],
      ['dependency-group:Dev', 'ruff', 22, 34],
    ]);
    expect(result.requirements[1]).toMatchObject({ extras: ['email'], specifier: '<3,>=2.6' });
    expect(result.requirements[2]?.marker).toBe('platform_python_implementation == "CPython"');
  });

  it('refuses an include cycle, naming the chain', () => {
    let error: unknown;
    try {
      read('pyproject-group-cycle.toml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as ProjectFileError).code).toBe('dependency-group-cycle');
    expect((error as ProjectFileError).message).toBe(
      'pyproject.toml:4:8: dependency group include cycle: lint -> checks -> all -> lint\n    all = [{include-group = "lint"}]\n           ^',
    );
  });

  it.each([
    [
      'a bad requirement string, underlined inside the string',
      '[project]\nname = "x"\ndependencies = ["requests>=2.0", "flask >= 2 ;; python_version"]\n',
      'pyproject.toml:3:47: invalid requirement: Expected a marker variable or quoted string\n    dependencies = ["requests>=2.0", "flask >= 2 ;; python_version"]\n                                                  ^',
    ],
    [
      'an unknown included group',
      '[dependency-groups]\ntest = [{include-group = "lint"}]\n',
      'pyproject.toml:2:9: dependency group "test" includes unknown group "lint"\n    test = [{include-group = "lint"}]\n            ^',
    ],
    [
      'group names that normalize alike',
      '[dependency-groups]\nlint_tools = ["ruff"]\nLint-Tools = ["black"]\n',
      'pyproject.toml:3:1: dependency groups "lint_tools" and "Lint-Tools" have the same normalized name\n    Lint-Tools = ["black"]\n    ^',
    ],
    [
      'a group table with another key',
      '[dependency-groups]\ntest = [{include = "lint"}]\n',
      'pyproject.toml:2:9: a dependency group table must hold exactly one key, include-group = "<name>" (found include)\n    test = [{include = "lint"}]\n            ^',
    ],
    [
      'a bad requires-python',
      '[project]\nname = "x"\nrequires-python = "3.10"\n',
      /^pyproject\.toml:3:1: requires-python is not a PEP 440 specifier set: /,
    ],
  ])('refuses %s', (_title, text, message) => {
    const error = errorOf(text);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('reports dynamic dependencies, which only the build backend knows', () => {
    const dynamic = readPyprojectToml('[project]\nname = "x"\ndynamic = ["version", "dependencies"]\n', {
      file: 'pyproject.toml',
    });
    expect(dynamic.unsupported.map((u) => [u.name, u.origin.line, u.origin.column])).toEqual([
      ['project.dynamic: dependencies', 3, 23],
    ]);
  });
});
