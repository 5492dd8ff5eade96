// The user's lock as a baseline: a valid lock scored like a product and compared, a lock whose pin has
// an advisory that `stable` beats (and says why) and `security` refuses, invalid locks reported with
// typed reasons instead of failing, the lock's missing knowledge handed to the learning loop, and
// documents that validate. Locks are read by the provenance check's readers from their real formats.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../contracts/index.js';
import { ENV, adviserMetadata, knowledge, pinsOf, req } from './__fixtures__/knowledge.js';
import { inMemoryKnowledge } from './__fixtures__/security/scenario.js';
import { advise } from './advise.js';
import type { AdviseInput, UnresolvedEntry } from './advise.js';
import { adviseResultDocument } from './document.js';
import { readLock } from './provenance/lock/index.js';

const METADATA = adviserMetadata('adviser-0b5e11ec0b5e11ec');

const FLASKISH = {
  flask: {
    '1.0': { requires: ['werkzeug>=1'] },
    '2.0': { requires: ['werkzeug>=2', 'click>=8'] },
    '2.1': { requires: ['werkzeug>=2', 'click>=8'], yanked: true },
    '3.0': { requires: ['werkzeug>=3', 'click>=8'], requiresPython: '>=3.12' },
  },
  werkzeug: { '1.0': {}, '2.0': {}, '2.1': {}, '3.0': {}, '3.1': { installable: null } },
  click: { '7.0': {}, '8.0': {}, '8.1': {} },
};

/** A requirements.txt lock (pip-compile style; hashes optional) of `pins`. */
const requirementsLock = (...lines: string[]) =>
  readLock(`${lines.join('\n')}\n`, 'requirements.lock.txt', { format: 'requirements-txt' });

function base(overrides: Partial<AdviseInput> = {}): AdviseInput {
  return {
    knowledge: knowledge(FLASKISH),
    environment: ENV,
    requirements: [req('flask')],
    recommendationType: 'stable',
    seed: 42,
    limits: { count: 3, limit: 20 },
    ...overrides,
  };
}

describe('baseline: a valid lock', () => {
  it('is scored like a product: the same stack gets the same score and a zero difference', async () => {
    const lock = requirementsLock('click==8.1', 'flask==2.0', 'werkzeug==3.0');
    const outcome = await advise(base({ baseline: lock }));
    expect(pinsOf(outcome.products[0]!)).toBe('click==8.1 flask==2.0 werkzeug==3.0');
    expect(outcome.baseline).toMatchObject({
      source: 'requirements.lock.txt',
      format: 'requirements-txt',
      valid: true,
      reasons: [],
      best: true,
      pins: [
        { name: 'click', version: '8.1' },
        { name: 'flask', version: '2.0' },
        { name: 'werkzeug', version: '3.0' },
      ],
    });
    expect(outcome.baseline!.score).toBe(outcome.products[0]!.score);
    expect(outcome.products[0]!.baseline_comparison).toEqual({ score_difference: 0, changes: [] });
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('an older lock scores lower; products state the difference and the changed pins', async () => {
    // pylock.toml (PEP 751) this time; werkzeug 2.0 is two releases behind the newest usable 3.0.
    const lock = readLock(
      [
        'lock-version = "1.0"',
        'created-by = "test"',
        '[[packages]]',
        'name = "flask"',
        'version = "2.0"',
        '[[packages]]',
        'name = "werkzeug"',
        'version = "2.0"',
        '[[packages]]',
        'name = "click"',
        'version = "8.0"',
        '[[packages]]',
        'name = "colorama"',
        'version = "0.4.6"',
        'marker = "sys_platform == \'win32\'"',
        '',
      ].join('\n'),
      'pylock.toml',
    );
    const outcome = await advise(base({ baseline: lock }));
    const baseline = outcome.baseline!;
    expect(baseline.valid).toBe(true);
    expect(baseline.best).toBe(false);
    // The win32-only pin is not part of this environment's stack.
    expect(baseline.pins.map((p) => p.name)).toEqual(['click', 'flask', 'werkzeug']);
    expect(baseline.score).toBeLessThan(outcome.products[0]!.score);
    expect(baseline.justification.map((j) => j.unit)).toEqual(['VersionDistanceStep', 'VersionDistanceStep']);
    const comparison = outcome.products[0]!.baseline_comparison!;
    expect(comparison.score_difference).toBeCloseTo(outcome.products[0]!.score - baseline.score!, 9);
    expect(comparison.changes).toEqual([
      { name: 'click', from: '8.0', to: '8.1', avoids: [] },
      { name: 'werkzeug', from: '2.0', to: '3.0', avoids: [] },
    ]);
    for (const p of outcome.products) expect(p.baseline_comparison?.score_difference).toBeTypeOf('number');
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('notes pins nothing requires and leaves them out of the comparison', async () => {
    const lock = requirementsLock('click==8.1', 'flask==2.0', 'werkzeug==3.0', 'itsdangerous==2.1.2');
    const outcome = await advise(
      base({ baseline: lock, knowledge: knowledge({ ...FLASKISH, itsdangerous: { '2.1.2': {} } }) }),
    );
    expect(outcome.baseline!.valid).toBe(true);
    expect(outcome.baseline!.justification.map((j) => j.message)).toContain(
      'The lock also pins itsdangerous 2.1.2, which nothing requires in this environment; left out of the comparison.',
    );
    expect(outcome.products[0]!.baseline_comparison!.changes).toEqual([]);
  });
});

describe('baseline: a pin affected by an advisory', () => {
  // web 1.3 and 1.4 are affected by GHSA-test-web1 (critical), helper 2.0 by PYSEC-test-helper.
  const pipfileLock = (web: string, helper: string) =>
    readLock(
      JSON.stringify({
        _meta: {
          hash: { sha256: '0'.repeat(64) },
          'pipfile-spec': 6,
          requires: { python_version: '3.11' },
          sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }],
        },
        default: {
          web: { version: `==${web}`, index: 'pypi', hashes: [] },
          helper: { version: `==${helper}`, index: 'pypi', hashes: [] },
        },
        // Development packages are not part of the advised stack.
        develop: { pytest: { version: '==8.0.0', index: 'pypi', hashes: [] } },
      }),
      'Pipfile.lock',
    );

  it('stable advises a strictly better stack and names the advisory it avoids', async () => {
    const outcome = await advise({
      knowledge: await inMemoryKnowledge(),
      environment: ENV,
      requirements: [req('web')],
      recommendationType: 'stable',
      seed: 42,
      baseline: pipfileLock('1.4', '2.0'),
    });
    const baseline = outcome.baseline!;
    expect(baseline).toMatchObject({
      source: 'Pipfile.lock',
      format: 'pipfile-lock',
      valid: true,
      best: false,
    });
    expect(baseline.pins.map((p) => p.name)).toEqual(['helper', 'web']);
    expect(
      baseline.justification.filter((j) => j.unit === 'CvePenalizationStep').map((j) => j.advisory_id),
    ).toEqual(['GHSA-test-web1', 'PYSEC-test-helper']);
    const best = outcome.products[0]!;
    expect(best.lock.packages.find((p) => p.name === 'web')!.version).not.toMatch(/^1\.[34]$/);
    const comparison = best.baseline_comparison!;
    // web 1.4: −0.4 (critical advisory); web 1.2: −0.25 (two releases behind the newest of five).
    expect(comparison.score_difference).toBe(0.15);
    expect(comparison.changes).toContainEqual({
      name: 'web',
      from: '1.4',
      to: best.lock.packages.find((p) => p.name === 'web')!.version,
      avoids: ['GHSA-test-web1'],
    });
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('security refuses the affected pin and says which advisory', async () => {
    const outcome = await advise({
      knowledge: await inMemoryKnowledge(),
      environment: ENV,
      requirements: [req('web')],
      recommendationType: 'security',
      seed: 42,
      baseline: pipfileLock('1.4', '1.0'),
    });
    expect(outcome.baseline).toMatchObject({ valid: false, score: null, best: false });
    expect(outcome.baseline!.reasons).toEqual([
      expect.objectContaining({
        kind: 'security',
        package_name: 'web',
        version: '1.4',
        detail: expect.stringContaining('GHSA-test-web1'),
      }),
    ]);
    expect(outcome.products[0]!.baseline_comparison!.score_difference).toBeNull();
  });
});

describe('baseline: an invalid lock is reported with reasons, never an exception', () => {
  it.each([
    {
      name: 'an unknown version, handed to the learning loop',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==9.9'],
      reasons: [{ kind: 'unknown-version', package_name: 'werkzeug', version: '9.9' }],
      unresolved: [{ name: 'werkzeug', specifier: '==9.9', index_url: null }],
    },
    {
      name: 'an unknown package',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==3.0', 'ghost==1.0'],
      reasons: [{ kind: 'unknown-package', package_name: 'ghost', version: '1.0' }],
      unresolved: [{ name: 'ghost', specifier: '==1.0', index_url: null }],
    },
    {
      name: 'a release not solved for this environment',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==3.1'],
      reasons: [{ kind: 'not-solved', package_name: 'werkzeug', version: '3.1' }],
      unresolved: [{ name: 'werkzeug', specifier: '==3.1', index_url: 'https://pypi.org/simple' }],
    },
    {
      name: 'a yanked pin',
      lines: ['click==8.1', 'flask==2.1', 'werkzeug==3.0'],
      reasons: [{ kind: 'yanked', package_name: 'flask', version: '2.1' }],
    },
    {
      name: 'a release for another Python',
      lines: ['click==8.1', 'flask==3.0', 'werkzeug==3.0'],
      reasons: [
        { kind: 'requires-python', package_name: 'flask', version: '3.0', detail: 'Requires-Python >=3.12' },
      ],
    },
    {
      name: 'a violated requirement',
      requirement: '<2',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==3.0'],
      reasons: [
        {
          kind: 'requirement-violated',
          package_name: 'flask',
          specifier: '<2',
          required_by: null,
          message: 'The project requires flask<2, but the lock pins flask 2.0.',
        },
      ],
    },
    {
      name: 'a pin a constraint excludes (ConstraintsSieve)',
      constraint: '<3',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==3.0'],
      reasons: [
        {
          kind: 'removed-by-unit',
          package_name: 'werkzeug',
          detail: 'ConstraintsSieve: constraint werkzeug<3',
          message: 'werkzeug 3.0 is removed by ConstraintsSieve: constraint werkzeug<3.',
        },
      ],
    },
    {
      name: 'a requirement the lock does not pin',
      lines: ['click==8.1', 'werkzeug==3.0'],
      reasons: [{ kind: 'requirement-not-pinned', package_name: 'flask', version: null }],
    },
    {
      name: 'a missing dependency',
      lines: ['flask==2.0', 'werkzeug==3.0'],
      reasons: [
        {
          kind: 'dependency-not-pinned',
          package_name: 'click',
          specifier: '>=8',
          required_by: 'flask==2.0',
          message: 'flask 2.0 requires click>=8, which the lock does not pin.',
        },
      ],
    },
    {
      name: 'a violated dependency edge',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==1.0'],
      reasons: [
        {
          kind: 'dependency-violated',
          package_name: 'werkzeug',
          version: '1.0',
          specifier: '>=2',
          required_by: 'flask==2.0',
          message: 'flask 2.0 requires werkzeug>=2, but the lock pins werkzeug 1.0.',
        },
      ],
    },
    {
      name: 'two versions of one package',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==3.0', 'click==8.0'],
      reasons: [{ kind: 'conflicting-pins', package_name: 'click', version: '8.0' }],
    },
    {
      name: 'a direct reference',
      lines: ['click==8.1', 'flask==2.0', 'werkzeug==3.0', 'ext @ https://example.org/ext-1.0.tar.gz'],
      reasons: [{ kind: 'direct-reference', package_name: 'ext' }],
    },
  ])('$name', async ({ lines, reasons, unresolved, requirement, constraint }) => {
    const outcome = await advise(
      base({
        baseline: requirementsLock(...lines),
        requirements: [req('flask', requirement ?? '')],
        constraints: constraint === undefined ? [] : [req('werkzeug', constraint)],
      }),
    );
    const baseline = outcome.baseline!;
    expect(baseline.valid).toBe(false);
    expect(baseline.score).toBeNull();
    expect(baseline.best).toBe(false);
    expect(baseline.reasons).toEqual(reasons.map((r) => expect.objectContaining(r)));
    for (const r of baseline.reasons) expect(r.message).toMatch(/\.$/);
    if (unresolved !== undefined)
      expect(outcome.unresolved).toEqual(expect.arrayContaining(unresolved as UnresolvedEntry[]));
    // The advice itself is unaffected, and every product says the lock has no score to compare with.
    expect(outcome.products.length).toBeGreaterThan(0);
    for (const p of outcome.products) expect(p.baseline_comparison!.score_difference).toBeNull();
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('checks constraints itself when the pipeline has no ConstraintsSieve', async () => {
    const outcome = await advise(
      base({
        pipeline: [{ name: 'VersionDistanceStep', configuration: { weight: 0.5 } }],
        constraints: [req('werkzeug', '<3')],
        baseline: requirementsLock('click==8.1', 'flask==2.0', 'werkzeug==3.0'),
      }),
    );
    expect(outcome.baseline!.reasons).toEqual([
      expect.objectContaining({
        kind: 'constraint-violated',
        package_name: 'werkzeug',
        specifier: '<3',
        message: "The constraint werkzeug<3 excludes the lock's werkzeug 3.0.",
      }),
    ]);
  });

  it('keeps the baseline when the requirements are unsatisfiable', async () => {
    const outcome = await advise(
      base({
        requirements: [req('flask', '>=3')],
        baseline: requirementsLock('flask==3.0', 'werkzeug==3.0', 'click==8.1'),
      }),
    );
    expect(outcome.error?.code).toBe('unsatisfiable');
    expect(outcome.baseline!.reasons.map((r) => r.kind)).toEqual(['requires-python']);
    expect(() => parseDocument('adviser', adviseResultDocument(METADATA, outcome))).not.toThrow();
  });

  it('leaves the outcome unchanged without a lock', async () => {
    const outcome = await advise(base());
    expect(outcome.baseline).toBeUndefined();
    expect(outcome.products.every((p) => p.baseline_comparison === null)).toBe(true);
  });
});
