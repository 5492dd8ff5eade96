// Where the analyzers are: THOTH_BANDIT / THOTH_CLOC when set; bandit otherwise from the Thoth venv
// ($THOTH_CACHE/venv, which scripts/python-env.sh fills from scripts/python-requirements.txt), then PATH;
// cloc from PATH (Debian package `cloc`). The environment is passed in, never read here.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type AnalyzerEnv = Readonly<Record<string, string | undefined>>;

/** The command to run bandit with. */
export function banditCommand(env: AnalyzerEnv): string {
  const explicit = env['THOTH_BANDIT'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const venv = join(env['THOTH_CACHE'] ?? join(homedir(), '.cache', 'thoth'), 'venv', 'bin', 'bandit');
  return existsSync(venv) ? venv : 'bandit';
}

/** The command to run cloc with. */
export function clocCommand(env: AnalyzerEnv): string {
  const explicit = env['THOTH_CLOC'];
  return explicit !== undefined && explicit !== '' ? explicit : 'cloc';
}

/** Variables read, for `--help`. */
export const ANALYZER_VARIABLES: Readonly<Record<string, string>> = {
  THOTH_BANDIT: 'bandit executable (default $THOTH_CACHE/venv/bin/bandit, then bandit on PATH)',
  THOTH_CLOC: 'cloc executable (default cloc on PATH; Debian package cloc)',
};
