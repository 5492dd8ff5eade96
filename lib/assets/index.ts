// Locate files shipped beside the code (SQL migrations, workflow YAML, prescriptions) both when running
// from sources (tsx) and from the build output (dist/): walk up from this module to the package root.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The directory holding Thoth's package.json. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'lib'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find Thoth's package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Absolute path of a file or folder given relative to the package root (e.g. `workflows`). */
export function assetPath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
