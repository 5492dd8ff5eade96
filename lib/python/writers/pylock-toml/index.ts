// Public face of the pylock.toml writer (PEP 751, lock-version 1.0).
import type { LockWriter } from '../types.js';
import { writePylockToml } from './write.js';

export const id = 'pylock-toml';
export const displayName = 'pylock.toml (PEP 751)';

export const writer = {
  id,
  displayName,
  fileName: 'pylock.toml',
  write: (stack) => writePylockToml(stack),
} satisfies LockWriter;

export { writePylockToml, DEV_GROUP } from './write.js';
