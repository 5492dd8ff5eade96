// A small sdist for the security-indicator tests, built at test time from these files: known bandit
// findings of several severity × confidence cells (asymmetric, so swapped axes show), a test directory
// whose findings and broken fixture are filtered, and a README for cloc's second language.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';

export const SMALL_SDIST_FILES: Readonly<Record<string, string>> = {
  'pkg-1.0/setup.py': 'from setuptools import setup\n\nsetup(name="pkg", version="1.0")\n',
  'pkg-1.0/pkg/__init__.py': '"""A small package for the security-indicator tests."""\n',
  // B403, B404 (low severity, high confidence), B602 (high, high), B301 (medium, high), B107 (low, medium).
  'pkg-1.0/pkg/core.py': [
    'import pickle',
    'import subprocess',
    '',
    '',
    'def run(command):',
    '    # A shell with caller input: high severity.',
    '    return subprocess.call(command, shell=True)',
    '',
    '',
    'def load(blob):',
    '    return pickle.loads(blob)',
    '',
    '',
    'def connect(user, password="hunter2"):',
    '    return (user, password)',
    '',
  ].join('\n'),
  // B608 (medium severity, low confidence).
  'pkg-1.0/pkg/db.py':
    'def find(cursor, ident):\n    query = "SELECT * FROM items WHERE id = \'%s\'" % ident\n    return cursor.execute(query)\n',
  // B101 in a test file: filtered.
  'pkg-1.0/tests/test_core.py': 'from pkg.core import run\n\n\ndef test_run():\n    assert run("true") == 0\n',
  // A syntax error in test data: bandit reports it, the aggregate ignores it.
  'pkg-1.0/tests/data/broken.py': 'def broken(:\n',
  'pkg-1.0/README.md': '# pkg\n\nA package.\n',
};

/** Write the files under a new temporary directory and pack them as `pkg-1.0.tar.gz`; returns its bytes. */
export async function buildSmallSdist(extra: Record<string, string> = {}): Promise<Buffer> {
  const root = await mkdtemp(join(tmpdir(), 'thoth-sdist-'));
  for (const [path, text] of Object.entries({ ...SMALL_SDIST_FILES, ...extra })) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const archive = join(root, 'pkg-1.0.tar.gz');
  await create({ gzip: true, cwd: root, file: archive, portable: true }, ['pkg-1.0']);
  return readFile(archive);
}
