#!/usr/bin/env node
// Starts the `thoth` command. From a checkout it runs the esbuild bundle (dist/bundle/thoth.js, made by
// scripts/bundle.mjs on `npm install`), rebuilding it first when one of its source files is newer, so
// the command always runs the code in the tree. Without the bundle or esbuild (a production image) it
// runs the compiled dist/cli/thoth.js.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'dist', 'bundle', 'thoth.js');
const INPUTS = join(ROOT, 'dist', 'bundle', 'thoth.inputs.json');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY; // gone: the bundle must be rebuilt
  }
}

function bundleIsCurrent() {
  if (!existsSync(BUNDLE) || !existsSync(INPUTS)) return false;
  const built = mtime(BUNDLE);
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  return inputs.every((input) => mtime(join(ROOT, input)) <= built);
}

async function entryPoint() {
  if (bundleIsCurrent()) return BUNDLE;
  if (existsSync(join(ROOT, 'scripts', 'bundle.mjs')) && existsSync(join(ROOT, 'node_modules', 'esbuild'))) {
    const { bundle } = await import(pathToFileURL(join(ROOT, 'scripts', 'bundle.mjs')).href);
    try {
      await bundle('thoth');
    } catch (error) {
      // esbuild has printed the errors with file and line; the stack trace would only bury them.
      console.error(
        `error: cannot build the thoth command from the sources (${error.errors?.length ?? 1} error(s) above); fix them or run \`npx tsx cli/thoth.ts\``,
      );
      process.exit(70);
    }
    return BUNDLE;
  }
  return join(ROOT, 'dist', 'cli', 'thoth.js');
}

const { runAsProcess } = await import(pathToFileURL(await entryPoint()).href);
await runAsProcess(process.argv.slice(2));
