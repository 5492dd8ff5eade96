// Which files count as tests: bandit findings in test code (assert_used above all) say nothing about the
// package users install, so the aggregate leaves them out and counts them as filtered, as the original's
// `filters_files` did for test directories.
const TEST_DIRECTORIES = new Set(['test', 'tests', 'testing']);

/** True for files under a test directory, pytest modules (`test_*.py`, `*_test.py`) and `conftest.py`. */
export function isTestPath(path: string): boolean {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  const file = parts.pop() ?? '';
  if (parts.some((dir) => TEST_DIRECTORIES.has(dir.toLowerCase()))) return true;
  return /^test_.*\.py$/i.test(file) || /_test\.py$/i.test(file) || file === 'conftest.py';
}
