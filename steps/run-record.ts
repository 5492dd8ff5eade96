// What the documents a step writes record about the run itself: the analyzer version (package.json's,
// the same for every step of one image) and the machine the step ran on.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { assetPath } from '../lib/assets/index.js';

/** A document's `environment` (`execution` in solver documents): where the analyzer ran. */
export interface RunEnvironment {
  deployment: string;
  hostname: string;
  node_version: string;
  platform: string;
}

let version: string | undefined;
/** package.json's version, read once: every document's analyzer_version. */
export function analyzerVersion(): string {
  version ??= (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** This machine, as a document of `deployment` records it. */
export function runEnvironment(deployment: string): RunEnvironment {
  return {
    deployment,
    hostname: hostname(),
    node_version: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
  };
}
