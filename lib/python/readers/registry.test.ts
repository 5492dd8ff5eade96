// The reader registry: every format under its id, found by file name.
import { describe, expect, it } from 'vitest';
import { READERS, readerForFileName } from './registry.js';

describe('reader registry', () => {
  it('lists the four formats', () => {
    expect([...READERS.keys()]).toEqual(['requirements-txt', 'pipfile', 'pipfile-lock', 'pyproject-toml']);
  });

  it.each([
    ['Pipfile', 'pipfile'],
    ['/srv/app/Pipfile.lock', 'pipfile-lock'],
    ['pyproject.toml', 'pyproject-toml'],
    ['requirements.txt', 'requirements-txt'],
    ['requirements/dev.in', 'requirements-txt'],
    ['constraints-py311.txt', 'requirements-txt'],
    ['setup.py', undefined],
  ])('%s → %s', (name, id) => {
    expect(readerForFileName(name)?.id).toBe(id);
  });
});
