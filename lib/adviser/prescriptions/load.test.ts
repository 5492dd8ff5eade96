// The loader on valid and invalid prescriptions: the original's layouts (one whole file with
// apiVersion/spec, a directory with _prescription_metadata.yaml), and every problem reported on its
// own line naming the file, the unit and the field.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPrescriptions, PrescriptionError, prescriptionsFromSources } from './index.js';

const fixture = (path: string) => fileURLToPath(new URL(`./__fixtures__/${path}`, import.meta.url));

async function problemsOf(load: () => unknown): Promise<string[]> {
  try {
    await load();
  } catch (error) {
    expect(error).toBeInstanceOf(PrescriptionError);
    expect((error as PrescriptionError).code).toBe('invalid-prescription');
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a PrescriptionError');
}

describe('loadPrescriptions', () => {
  it('loads a whole prescription file written with apiVersion, normalizing package names', async () => {
    const loaded = await loadPrescriptions([fixture('whole/thoth.yaml')]);
    expect(loaded.sources).toEqual(['thoth@2021.03.30']);
    expect(loaded.specs).toHaveLength(1);
    expect(loaded.specs[0]).toMatchObject({
      id: 'thoth.Enum34BackportSieve',
      type: 'sieve',
      data: { match: { package_name: 'enum34' } },
    });
    expect(loaded.units.map((u) => [u.id, u.type])).toEqual([['thoth.Enum34BackportSieve', 'sieve']]);
  });

  it('reports every problem of a directory, one line each, naming file, unit and field', async () => {
    const dir = fixture('invalid-dir');
    const lines = await problemsOf(() => loadPrescriptions([dir]));
    expect(lines).toEqual([
      `${dir}/te_/tensorflow/steps.yaml: unit broken.TooHighScoreStep: run must NOT have additional property 'justifaction'`,
      `${dir}/te_/tensorflow/steps.yaml: unit broken.TooHighScoreStep: run.score must be <= 1`,
      `${dir}/te_/tensorflow/syntax.yaml:5:1: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  it('checks what the schema cannot: specifiers, duplicates, match shapes per type', async () => {
    const lines = await problemsOf(() =>
      prescriptionsFromSources([
        {
          file: 'a.yaml',
          text: `
spec:
  name: p
  release: "1"
  units:
    sieves:
      - name: S
        type: sieve
        should_include: {adviser_pipeline: true, runtime_environments: {python_version: "3.x"}}
        match: {package_name: numpy}
        run: {}
    wraps:
      - name: S
        type: wrap.GHReleaseNotes
        match: {state: {resolved_dependencies: [{name: flask, version: "=>2"}]}}
        run: {}
`,
        },
      ]),
    );
    expect(lines).toEqual([
      'a.yaml: unit p.S: should_include.runtime_environments.python_version is not a PEP 440 specifier set: "3.x"',
      "a.yaml: unit p.S: match must have property 'package_version' for type sieve",
      'a.yaml: unit p.S: name is already defined in a.yaml',
    ]);
  });

  it('refuses unit files that belong to no prescription and unreadable paths', async () => {
    expect(
      await problemsOf(() =>
        prescriptionsFromSources([
          { file: 'u.yaml', text: 'units: {boots: [{name: B, type: boot, run: {}}]}' },
        ]),
      ),
    ).toEqual([
      'u.yaml: units belong to no prescription: put the file in a directory with _prescription_metadata.yaml (prescription: {name, release}) or use spec: {name, release, units}',
    ]);
    const missing = fixture('does-not-exist');
    const [line] = await problemsOf(() => loadPrescriptions([missing]));
    expect(line).toMatch(new RegExp(`^${missing}: cannot be read: ENOENT`));
  });

  it('names a unit without a usable name by its position', async () => {
    expect(
      await problemsOf(() =>
        prescriptionsFromSources([
          { file: 'n.yaml', text: 'units: {strides: [{type: stride, run: {}}]}', namespace: 'p' },
        ]),
      ),
    ).toEqual(["n.yaml: unit p.strides[0]: must have required property 'name'"]);
  });
});
