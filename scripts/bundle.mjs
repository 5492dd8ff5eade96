// Bundles the `thoth` command and the step entry point with esbuild into dist/bundle/, one ES module
// each with npm packages left external. Starting from one file instead of a few hundred modules (and
// without tsx compiling TypeScript on every start) is most of what makes `thoth --help` and a warm
// `thoth advise` fast. Writes <name>.inputs.json beside each bundle (its source files) so that
// bin/thoth.mjs can tell when the bundle is older than the code.
//   node scripts/bundle.mjs            bundle both entry points
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
const ENTRIES = { thoth: 'cli/thoth.ts', 'thoth-step': 'steps/thoth-step.ts' };

/** Bundle one entry point; returns the source files it was built from (relative to the root). */
export async function bundle(name) {
  const result = await build({
    entryPoints: [join(ROOT, ENTRIES[name])],
    outfile: join(OUT, `${name}.js`),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(ROOT, join(process.cwd(), input)))
    .sort();
  writeFileSync(join(OUT, `${name}.inputs.json`), `${JSON.stringify(inputs)}\n`);
  return inputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  for (const name of Object.keys(ENTRIES)) await bundle(name);
  console.error(`bundled ${Object.keys(ENTRIES).join(', ')} into dist/bundle in ${Date.now() - started} ms`);
}
