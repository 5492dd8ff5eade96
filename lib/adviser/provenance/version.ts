// Version equality as PEP 440 defines it (`1.0` == `1.0.0`, `1.0-RC1` == `1.0rc1`); a string that does
// not parse is compared as written, as indexes publish such versions too.
import { compareVersions, tryParseVersion } from '../../python/index.js';

export function isSameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  return tryParseVersion(a) !== undefined && tryParseVersion(b) !== undefined && compareVersions(a, b) === 0;
}
