// Public face of lib/python/filename: wheel and sdist file names.
export { parseWheelFilename, parseSdistFilename } from './filename.js';
export type { WheelFilename, SdistFilename, BuildTag } from './filename.js';
export { InvalidWheelFilenameError, InvalidSdistFilenameError } from './errors.js';
export type { WheelFilenameProblem, SdistFilenameProblem } from './errors.js';

export const id = 'distribution-filename';
export const description = 'Wheel and sdist file names as packaging.utils parses them';
