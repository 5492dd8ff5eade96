// End-to-end runs of the local engine over the fixture templates in __fixtures__/workflows (which
// pass `argo lint --offline` too) and the real workflows/ directory, with test-only steps.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { DirectoryArtifactStore } from '../../storage/index.js';
import { UnsupportedFeatureError } from '../errors.js';
import type { StepDefinition, StepRegistry, WorkflowStatus } from '../types.js';
import { loadWorkflowDirectory, loadWorkflowSources } from './loader.js';
import { LocalWorkflowEngine } from './local-engine.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const FIXTURES = join(here, '__fixtures__', 'workflows');
const REFUSED = join(here, '__fixtures__', 'refused');
const REPO_WORKFLOWS = join(here, '..', '..', '..', 'workflows');

/** `--name=value` flags of a test step. */
function flags(argv: string[]): Record<string, string> {
  return Object.fromEntries(
    argv.map((a) => /^--([^=]+)=(.*)$/s.exec(a)).flatMap((m) => (m ? [[m[1], m[2]]] : [])),
  );
}

function step(name: string, run: StepDefinition['run']): StepDefinition {
  return { name, description: `test step ${name}`, run };
}

let dir: string;
let store: DirectoryArtifactStore;
let attempts: Map<string, number>;
let probe: { now: number; max: number };

function testRegistry(extra: StepDefinition[] = []): StepRegistry {
  const steps: StepDefinition[] = [
    step('echo', async (argv, io) => {
      const f = flags(argv);
      await writeFile(f.out as string, f.value ?? '');
      io.log.info({ value: f.value }, 'echoed');
      return 0;
    }),
    // Exits with the n-th code of --codes on its n-th attempt (per --key), to drive retries.
    step('flaky', async (argv) => {
      const f = flags(argv);
      const key = f.key as string;
      const n = attempts.get(key) ?? 0;
      attempts.set(key, n + 1);
      const codes = (f.codes as string).split(',').map(Number);
      return codes[Math.min(n, codes.length - 1)] as number;
    }),
    step('exists', async (argv) => {
      const f = flags(argv);
      const present = await readFile(f.in as string, 'utf8').then(
        (text) => `yes:${text}`,
        () => 'no',
      );
      await writeFile(f.out as string, present);
      return 0;
    }),
    step('cat', async (argv) => {
      const f = flags(argv);
      await writeFile(f.out as string, await readFile(f.in as string));
      return 0;
    }),
    step('sleep', (argv, io) => {
      return new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(0), Number(flags(argv).ms));
        io.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(124);
        });
      });
    }),
    step('probe', async () => {
      probe.now += 1;
      probe.max = Math.max(probe.max, probe.now);
      await new Promise((r) => setTimeout(r, 20));
      probe.now -= 1;
      return 0;
    }),
    ...extra,
  ];
  return new Map(steps.map((s) => [s.name, s]));
}

async function engineFor(workflowsDir: string, registry = testRegistry()): Promise<LocalWorkflowEngine> {
  return LocalWorkflowEngine.fromDirectory(workflowsDir, {
    stateDir: join(dir, 'state'),
    store,
    registry,
    backoffScale: 0,
    semaphoreLimits: { 'fx-semaphores/probe': 1 },
  });
}

async function run(
  engine: LocalWorkflowEngine,
  template: string,
  name: string,
  parameters: Record<string, string> = {},
): Promise<WorkflowStatus> {
  const submitted = await engine.submit({ template, name, parameters });
  expect(submitted).toEqual({ outcome: 'submitted', name });
  return engine.watch(name);
}

/** Node by display name, ignoring retry-attempt segments like `(0)` (templateDefaults retry every template). */
const bare = (name: string): string => name.replace(/\(\d+\)/g, '');
const node = (status: WorkflowStatus, name: string) =>
  status.nodes.find((n) => n.name === name) ??
  status.nodes.find((n) => bare(n.name) === name && n.type !== 'Retry');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thoth-local-engine-'));
  store = new DirectoryArtifactStore(join(dir, 'artifacts'));
  attempts = new Map();
  probe = { now: 0, max: 0 };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loading', () => {
  it('loads every file of workflows/ without refusals', async () => {
    const catalogue = await loadWorkflowDirectory(REPO_WORKFLOWS);
    expect([...catalogue.workflowTemplates.keys()].sort()).toEqual([
      'thoth-advise',
      'thoth-dependency-monkey',
      'thoth-emit',
      'thoth-graph-sync',
      'thoth-provenance-check',
      'thoth-security-indicators',
      'thoth-solve',
      'thoth-step-library',
    ]);
    expect([...catalogue.cronWorkflows.keys()].sort()).toEqual([
      'thoth-cve-update',
      'thoth-graph-refresh',
      'thoth-package-releases',
      'thoth-package-update',
    ]);
  });

  it.each([
    ['script.yaml', 'script templates'],
    ['resource.yaml', 'resource templates'],
    ['suspend.yaml', 'suspend templates'],
    ['sidecars.yaml', 'sidecars'],
    ['hooks.yaml', 'workflow lifecycle hooks'],
    ['volumes.yaml', 'volumes'],
    ['unknown-field.yaml', 'field WorkflowTemplate.spec.templates[0].frobnicate'],
    ['expression-tag.yaml', 'expression tags'],
    ['transient-policy.yaml', 'retryPolicy OnTransientError'],
  ])('refuses %s naming "%s"', async (file, feature) => {
    const text = await readFile(join(REFUSED, file), 'utf8');
    let caught: unknown;
    try {
      loadWorkflowSources([{ file, text }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedFeatureError);
    expect((caught as UnsupportedFeatureError).message).toContain(feature);
    expect((caught as UnsupportedFeatureError).message).toContain(`refused-${file.replace('.yaml', '')}`);
  });

  it('refuses continueOn together with depends, as argo lint does', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: both}
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - {name: a, template: leaf}
          - {name: b, template: leaf, depends: a, continueOn: {failed: true}}
    - name: leaf
      container: {image: x, command: [thoth-step, echo]}
`;
    expect(() => loadWorkflowSources([{ file: 'both.yaml', text }])).toThrow(
      /task "b" cannot use continueOn with depends/,
    );
  });

  it('refuses a templateRef to a template that does not exist', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: dangling}
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - name: a
            templateRef: {name: nowhere, template: x}
`;
    expect(() => loadWorkflowSources([{ file: 'dangling.yaml', text }])).toThrow(
      /unknown WorkflowTemplate "nowhere"/,
    );
  });
});

describe('running', () => {
  it('runs a DAG: parameters through tasks, depends branches, omitted tasks, template outputs', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-dag', 'dag-1', { greeting: 'hi' });
    expect(status.phase).toBe('Succeeded');
    expect(node(status, 'dag-1.a')?.outputs).toEqual({ value: 'hi' });
    expect(node(status, 'dag-1.b')?.outputs).toEqual({ value: 'hi world!' });
    expect(node(status, 'dag-1.on-success')?.phase).toBe('Succeeded');
    expect(node(status, 'dag-1.on-failure')?.phase).toBe('Omitted');
    expect(node(status, 'dag-1')?.outputs).toEqual({ final: 'hi world!' });
    expect(status.parameters).toEqual({ greeting: 'hi' });
  });

  it('runs steps: groups in order, when skips, steps outputs flow on', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-steps', 'steps-1');
    expect(status.phase).toBe('Succeeded');
    expect(node(status, 'steps-1[1].second')?.outputs).toEqual({ value: '1+2' });
    expect(node(status, 'steps-1[1].skipped')?.phase).toBe('Skipped');
  });

  it('fans out withItems and withParam over aggregated outputs', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-items', 'items-1');
    expect(status.phase).toBe('Succeeded');
    const fan = status.nodes.filter((n) => n.name.startsWith('items-1.fan(') && n.type === 'Pod');
    expect(fan.map((n) => n.outputs?.value).sort()).toEqual(['click-8.0.0', 'flask-2.0.1', 'jinja2-3.0.0']);
    const again = status.nodes.filter((n) => n.name.startsWith('items-1.again(') && n.type === 'Pod');
    expect(again.map((n) => n.outputs?.value).sort()).toEqual([
      'seen click-8.0.0',
      'seen flask-2.0.1',
      'seen jinja2-3.0.0',
    ]);
  });

  it('retries only retriable exit codes, up to the limit, and continueOn keeps the DAG going', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-retry', 'retry-1');
    expect(attempts.get('transient')).toBe(3);
    expect(node(status, 'retry-1.transient')?.phase).toBe('Succeeded');
    expect(attempts.get('final')).toBe(1);
    expect(node(status, 'retry-1.final')).toMatchObject({ phase: 'Failed', exitCode: 2 });
    expect(attempts.get('exhausted')).toBe(4);
    expect(node(status, 'retry-1.exhausted')).toMatchObject({ phase: 'Failed', exitCode: 75 });
    expect(status.phase).toBe('Succeeded');
  });

  it('runs the onExit handler after a failure, with workflow.status', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-on-exit', 'exit-1');
    expect(status.phase).toBe('Failed');
    expect(node(status, 'exit-1.boom')).toMatchObject({ phase: 'Failed', exitCode: 3 });
    expect(node(status, 'exit-1.onExit[0].record')?.outputs).toEqual({ value: 'status=Failed' });
  });

  it('passes key-only artifacts through the artifact store', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-artifacts', 'art-1');
    expect(status.phase).toBe('Succeeded');
    expect((await store.get('docs/art-1/doc.json')).toString()).toBe('{"answer": 42}');
    expect(node(status, 'art-1.consume')?.outputs).toEqual({ content: '{"answer": 42}' });
  });

  it('omits an optional input whose from names an output that was not written; a required one errors', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-optional', 'opt-1');
    expect(node(status, 'opt-1.read-made')?.outputs).toEqual({ seen: 'yes:made' });
    expect(node(status, 'opt-1.read-not-made')?.outputs).toEqual({ seen: 'no' });
    expect(node(status, 'opt-1.require-not-made')).toMatchObject({ phase: 'Error' });
    expect(node(status, 'opt-1.require-not-made')?.message).toMatch(
      /input artifact "doc": unresolved variable \{\{tasks\.not-made\.outputs\.artifacts\.doc\}\}/,
    );
    expect(status.phase).toBe('Error');
    expect(status.message).toMatch(/^task require-not-made errored: /);
  });

  it("a failed node says why: the exit code and the step's one-line reason, up to the workflow", async () => {
    const reason = step('refuse', async (_argv, io) => {
      io.log.error({ err: new Error('refuse: --thing "x" is not a thing') }, 'refuse failed');
      return 2;
    });
    const text = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: fx-refuse}
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - {name: refuse, template: refuse}
    - name: refuse
      container: {image: thoth-step, command: [thoth-step, refuse]}
`;
    const local = new LocalWorkflowEngine({
      catalogue: loadWorkflowSources([{ file: 'fx-refuse.yaml', text }]),
      stateDir: join(dir, 'state-refuse'),
      store,
      registry: testRegistry([reason]),
    });
    const status = await run(local, 'fx-refuse', 'refuse-1');
    expect(node(status, 'refuse-1.refuse')?.message).toBe(
      'exit code 2 (bad-input): refuse: --thing "x" is not a thing',
    );
    expect(status).toMatchObject({
      phase: 'Failed',
      message: 'task refuse failed: exit code 2 (bad-input): refuse: --thing "x" is not a thing',
    });
  });

  it('holds a workflow-level semaphore: runs of one kind go one at a time', async () => {
    const engine = await engineFor(FIXTURES);
    const names = ['sem-1', 'sem-2', 'sem-3'];
    await Promise.all(names.map((name) => engine.submit({ template: 'fx-semaphore', name })));
    const statuses = await Promise.all(names.map((n) => engine.watch(n)));
    expect(statuses.map((s) => s.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(probe.max).toBe(1);
  });

  it('fails a workflow past its activeDeadlineSeconds', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-deadline', 'deadline-1');
    expect(status.phase).toBe('Failed');
    expect(status.message).toMatch(/deadline/);
    expect(node(status, 'deadline-1[0].forever')).toMatchObject({
      phase: 'Failed',
      message: 'Step exceeded its deadline',
    });
  });

  it('runs other commands as local processes with env and mapped output paths', async () => {
    const engine = await engineFor(FIXTURES);
    const status = await run(engine, 'fx-process', 'proc-1');
    expect(status.phase).toBe('Succeeded');
    expect(node(status, 'proc-1')?.outputs).toEqual({ said: 'proc-1' });
    expect(await engine.logs('proc-1')).toEqual([{ node: 'proc-1', content: 'to the log' }]);
  });

  it('answers already-exists for a duplicate name and refuses bad parameters', async () => {
    const engine = await engineFor(FIXTURES);
    await run(engine, 'fx-dag', 'dup-1');
    expect(await engine.submit({ template: 'fx-dag', name: 'dup-1' })).toEqual({
      outcome: 'already-exists',
      name: 'dup-1',
    });
    await expect(
      engine.submit({ template: 'fx-dag', name: 'dup-2', parameters: { greeting: 'yo' } }),
    ).rejects.toThrow(/not one of hello, hi/);
    await expect(
      engine.submit({ template: 'fx-dag', name: 'dup-3', parameters: { nope: '1' } }),
    ).rejects.toBeInstanceOf(InputError);
    await expect(engine.submit({ template: 'fixture-library', name: 'dup-4' })).rejects.toThrow(
      /no entrypoint/,
    );
  });

  it('keeps run records another engine instance can list, get and read logs from', async () => {
    const first = await engineFor(FIXTURES);
    await run(first, 'fx-dag', 'rec-1');
    await first.close();
    const second = await engineFor(FIXTURES);
    expect(await second.list({ template: 'fx-dag' })).toMatchObject([
      { name: 'rec-1', phase: 'Succeeded', template: 'fx-dag' },
    ]);
    expect((await second.get('rec-1'))?.phase).toBe('Succeeded');
    const logs = await second.logs('rec-1', { node: 'rec-1.a' });
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]?.content ?? '{}')).toMatchObject({ value: 'hello', msg: 'echoed' });
    expect(await second.get('nope')).toBeUndefined();
  });
});

describe('the real workflows with test steps', () => {
  // Test-only stand-ins named like the production steps: the YAML under test is workflows/ itself.
  const siSteps = (hasSdist: boolean): StepDefinition[] => [
    step('si-download', async (argv, io) => {
      const f = flags(argv);
      await writeFile(join(io.outputsDir, 'failed_status'), hasSdist ? '0' : '1');
      if (hasSdist) {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(join(io.outputsDir, 'package', 'src'), { recursive: true });
        await writeFile(join(io.outputsDir, 'package', 'src', 'app.py'), `# ${f['package-name']}\n`);
      } else {
        await writeFile(
          join(io.outputsDir, 'messages.json'),
          JSON.stringify([{ type: 'MissingVersion', key: 'k', payload: {} }]),
        );
      }
      return 0;
    }),
    step('si-bandit', async (argv, io) => {
      const src = await readFile(join(flags(argv).package as string, 'src', 'app.py'), 'utf8');
      await writeFile(join(io.outputsDir, 'bandit.json'), JSON.stringify({ seen: src }));
      return 0;
    }),
    step('si-cloc', async (_argv, io) => {
      await writeFile(join(io.outputsDir, 'cloc.json'), JSON.stringify({ SUM: { code: 1 } }));
      return 0;
    }),
    step('si-aggregate', async (argv, io) => {
      const f = flags(argv);
      const bandit = JSON.parse(await readFile(f.bandit as string, 'utf8')) as unknown;
      const cloc = JSON.parse(await readFile(f.cloc as string, 'utf8')) as unknown;
      await writeFile(join(io.outputsDir, 'document.json'), JSON.stringify({ bandit, cloc }));
      return 0;
    }),
    step('graph-sync', async () => 0),
    step('emit', async (argv, io) => {
      const messages = JSON.parse(await readFile(flags(argv).messages as string, 'utf8')) as unknown[];
      await writeFile(join(io.outputsDir, 'sent_count'), String(messages.length));
      return 0;
    }),
  ];

  it('thoth-security-indicators: download → bandit ∥ cloc → aggregate → graph-sync', async () => {
    const engine = await engineFor(REPO_WORKFLOWS, testRegistry(siSteps(true)));
    const status = await run(engine, 'thoth-security-indicators', 'si-1', { package_name: 'flask' });
    expect(status.phase).toBe('Succeeded');
    const phases = Object.fromEntries(
      status.nodes.filter((n) => n.type === 'Pod').map((n) => [bare(n.name), n.phase]),
    );
    expect(phases).toMatchObject({
      'si-1.download': 'Succeeded',
      'si-1.bandit': 'Succeeded',
      'si-1.cloc': 'Succeeded',
      'si-1.aggregate': 'Succeeded',
      'si-1.graph-sync': 'Succeeded',
    });
    expect(node(status, 'si-1.emit')?.phase).toBe('Skipped');
    const doc = JSON.parse((await store.get('data/thoth-local/security-indicator/si-1')).toString()) as {
      bandit: { seen: string };
    };
    expect(doc.bandit.seen).toBe('# flask\n');
  });

  it('thoth-security-indicators without an sdist: only the emit branch runs', async () => {
    const engine = await engineFor(REPO_WORKFLOWS, testRegistry(siSteps(false)));
    const status = await run(engine, 'thoth-security-indicators', 'si-2');
    expect(status.phase).toBe('Succeeded');
    expect(node(status, 'si-2.emit')?.outputs).toEqual({ sent_count: '1' });
    expect(node(status, 'si-2.bandit')?.phase).toBe('Skipped');
    expect(node(status, 'si-2.aggregate')?.phase).toBe('Omitted');
  });

  it('an unregistered step is an Error node naming the step', async () => {
    const engine = await engineFor(REPO_WORKFLOWS, testRegistry());
    await engine.submit({ template: 'thoth-graph-refresh', resourceKind: 'CronWorkflow', name: 'gr-1' });
    const status = await engine.watch('gr-1');
    await engine.close();
    expect(status.phase).toBe('Error');
    expect(
      status.nodes.some((n) => /step "graph-refresh" is not in the step registry/.test(n.message ?? '')),
    ).toBe(true);
  });
});
