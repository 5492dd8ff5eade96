// Bundles the `thoth` command and the step entry point with esbuild into dist/bundle/, one ES module
// each with npm packages left external. Starting from one file instead of a few hundred modules (and
// without tsx compiling TypeScript on every start) is most of what makes `thoth --help` and a warm
// `thoth advise` fast. Writes <name>.inputs.json beside each bundle (its source files) so that
// bin/thoth.mjs can tell when the bundle is older than the code.
//   node scripts/bundle.mjs            bundle both entry points
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
const ENTRIES = { thoth: 'cli/thoth.ts', 'thoth-step': 'steps/thoth-step.ts' };

/** Bundle one entry point; returns the source files it was built from (relative to the root). */
export async function bundle(name) {
  // Chunk names are content hashes: drop this entry's old ones so they do not pile up.
  const chunks = join(OUT, 'chunks');
  if (existsSync(chunks)) {
    for (const file of readdirSync(chunks)) if (file.startsWith(`${name}-`)) rmSync(join(chunks, file));
  }
  const result = await build({
    entryPoints: { [name]: join(ROOT, ENTRIES[name]) },
    outdir: OUT,
    // Code behind a dynamic import() (the learning pipeline, Kafka, the step registry) goes to chunks
    // loaded on first use, with the npm packages only they import: a warm advise never loads them.
    splitting: true,
    chunkNames: `chunks/${name}-[hash]`,
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

/**
 * Write dist/bundle/validators.cjs: every contract's validator precompiled (lib/contracts/precompile.ts),
 * so the bundled command does not compile schemas at start-up. validator.ts ignores it once stale.
 */
export async function precompileValidators() {
  mkdirSync(OUT, { recursive: true });
  // Inside the checkout, so that the generator's imports of npm packages resolve from node_modules.
  const work = mkdtempSync(join(OUT, '.precompile-'));
  try {
    const generator = join(work, 'precompile.mjs');
    await build({
      entryPoints: [join(ROOT, 'lib', 'contracts', 'precompile.ts')],
      outfile: generator,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    const { precompiledValidatorsSource } = await import(pathToFileURL(generator).href);
    writeFileSync(join(OUT, 'validators.cjs'), precompiledValidatorsSource());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  for (const name of Object.keys(ENTRIES)) await bundle(name);
  await precompileValidators();
  console.error(`bundled ${Object.keys(ENTRIES).join(', ')} into dist/bundle in ${Date.now() - started} ms`);
}
