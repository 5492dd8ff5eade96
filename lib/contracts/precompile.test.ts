// The precompiled validators the bundle ships must judge exactly as the compiled ones: for every schema
// example (valid and invalid), the same verdict and the same violations. They are refused when stale.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { precompiledValidatorsSource } from './precompile.js';
import { SCHEMA_BASE_URI, SCHEMA_SOURCES } from './schemas.gen.js';
import { createContractsAjv, schemasFingerprint, toViolations } from './validator.js';

const EXAMPLES = fileURLToPath(new URL('../../schemas/examples/', import.meta.url));

/** Evaluate the generated CommonJS module as Node would, with this package's require. */
function load(source: string): { fingerprint: string; validators: Record<string, ValidateFunction> } {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', source)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  return module.exports as { fingerprint: string; validators: Record<string, ValidateFunction> };
}

describe('precompiled validators', () => {
  const generated = load(precompiledValidatorsSource());
  const ajv = createContractsAjv();

  it('carry the fingerprint of the bundled schemas and one validator per schema', () => {
    expect(generated.fingerprint).toBe(schemasFingerprint());
    expect(Object.keys(generated.validators).sort()).toEqual(Object.keys(SCHEMA_SOURCES).sort());
  });

  it('judge every schema example as the compiled validators do', () => {
    let compared = 0;
    for (const key of Object.keys(SCHEMA_SOURCES)) {
      const dir = `${EXAMPLES}${key}/`;
      if (!existsSync(dir)) continue;
      const compiled = ajv.getSchema(`${SCHEMA_BASE_URI}${key}.json`)!;
      const precompiled = generated.validators[key]!;
      for (const file of readdirSync(dir).filter((f) => /^(valid|invalid)-.*\.json$/.test(f))) {
        const data = JSON.parse(readFileSync(dir + file, 'utf8')) as unknown;
        const expected = compiled(data);
        const expectedViolations = toViolations(compiled.errors ?? []);
        expect(precompiled(data), `${key}/${file}`).toBe(expected);
        expect(toViolations(precompiled.errors ?? []), `${key}/${file}`).toEqual(expectedViolations);
        compared++;
      }
    }
    // Every schema has examples (conventions.test.ts); this guards against comparing nothing.
    expect(compared).toBeGreaterThan(100);
  });
});
