// The Helm chart, checked with the real tools: scripts/helm/check.sh (helm lint --strict, helm template
// of every ci/*-values.yaml scenario, kubeconform -strict, argo lint --offline, the invalid-values
// scenarios in __fixtures__), and what the chart promises on top: the pipelines are rendered from
// workflows/ (one source), topics follow the message catalogue, credentials come only from Secrets.
// Fails, with the install command, when helm, kubeconform, argo or the schemas are missing.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const CHART = join(ROOT, 'charts/thoth');
const CACHE = process.env['THOTH_CACHE'] ?? join(homedir(), '.cache/thoth');
// Pinned in scripts/helm/common.sh; repeated here only to find the binary.
const HELM = join(CACHE, 'go/helm-v3.21.4/bin/helm');
const KUBE_VERSION = '1.33.0';
const INSTALL = 'bash scripts/helm/install.sh';

type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string> } } & Record<
  string,
  unknown
>;

async function render(valuesFile: string, ...extra: string[]): Promise<Manifest[]> {
  const { stdout } = await run(
    HELM,
    ['template', 'thoth', CHART, '--kube-version', KUBE_VERSION, '-f', valuesFile, ...extra],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

function workflowFiles(): { file: string; doc: Manifest }[] {
  return readdirSync(join(ROOT, 'workflows'))
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, doc: parse(readFileSync(join(ROOT, 'workflows', file), 'utf8')) as Manifest }));
}

/** The Workflow spec inside a WorkflowTemplate or a CronWorkflow. */
function workflowSpec(doc: Manifest): Record<string, unknown> {
  const spec = doc['spec'] as Record<string, unknown>;
  return doc.kind === 'CronWorkflow' ? (spec['workflowSpec'] as Record<string, unknown>) : spec;
}

/** What the chart must leave exactly as workflows/ has it: everything but images, credentials,
 * labels and the parameter defaults that come from values. */
function invariantPart(doc: Manifest): unknown {
  const spec = structuredClone(workflowSpec(doc));
  delete spec['serviceAccountName'];
  delete spec['imagePullSecrets'];
  const args = spec['arguments'] as { parameters?: Record<string, unknown>[] } | undefined;
  for (const p of args?.parameters ?? []) {
    if (
      ['artifact_prefix', 'python_version', 'index_url', 'recommendation_type'].includes(p['name'] as string)
    ) {
      delete p['value'];
      delete p['enum'];
    }
  }
  for (const t of (spec['templates'] as Record<string, unknown>[] | undefined) ?? []) {
    const container = t['container'] as Record<string, unknown> | undefined;
    if (container !== undefined) {
      for (const key of ['image', 'imagePullPolicy', 'env', 'envFrom']) delete container[key];
    }
    delete t['metadata'];
  }
  return spec;
}

describe('charts/thoth', () => {
  beforeAll(() => {
    if (!existsSync(HELM)) {
      throw new Error(`helm is not installed at ${HELM}; install the chart tools with: ${INSTALL}`);
    }
  });

  it('passes scripts/helm/check.sh: lint, template, kubeconform -strict, argo lint, invalid values refused', async () => {
    const result = await run('bash', [join(ROOT, 'scripts/helm/check.sh')], { cwd: ROOT }).catch(
      (error: { code?: number; stdout?: string; stderr?: string }) => {
        const hint = error.code === 2 ? ` — install the tools with: ${INSTALL}` : '';
        throw new Error(
          `check.sh exited ${String(error.code)}${hint}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
        );
      },
    );
    const lines = result.stdout.split('\n');
    for (const scenario of ['default', 'production', 'minimal']) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^ok +${scenario}: kubeconform -strict: .*Invalid: 0, Errors: 0, Skipped: 0`),
        ),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^ok +${scenario}: argo lint --offline`)),
      );
    }
    for (const invalid of [
      'invalid-missing-secrets',
      'invalid-replica-count',
      'invalid-recommendation-type',
      'invalid-cross-field',
    ]) {
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^ok +${invalid}: refused at template time`)),
      );
    }
    expect(lines).toContain('check: all passed');
  }, 300_000);

  it('renders every file of workflows/ and changes only images, credentials, labels and value defaults', async () => {
    const rendered = await render(join(CHART, 'ci/production-values.yaml'));
    for (const { file, doc } of workflowFiles()) {
      const out = rendered.find((m) => m.kind === doc.kind && m.metadata.name === doc.metadata.name);
      expect(out, `${file} is not rendered`).toBeDefined();
      expect(invariantPart(out!), file).toEqual(invariantPart(doc));
    }
  }, 60_000);

  it('sets value-dependent fields of the workflows from values', async () => {
    const rendered = await render(join(CHART, 'ci/production-values.yaml'));
    const byName = (name: string) => rendered.find((m) => m.metadata.name === name)!;
    const params = (name: string) =>
      (
        workflowSpec(byName(name))['arguments'] as {
          parameters: { name: string; value: string; enum?: string[] }[];
        }
      ).parameters;
    expect(params('thoth-solve').find((p) => p.name === 'python_version')).toMatchObject({
      value: '3.12',
      enum: ['3.11', '3.12'],
    });
    expect(params('thoth-solve').find((p) => p.name === 'artifact_prefix')?.value).toBe('data/v1/thoth-prod');
    expect(params('thoth-advise').find((p) => p.name === 'recommendation_type')?.value).toBe('security');
    const templates = workflowSpec(byName('thoth-step-library'))['templates'] as {
      name: string;
      container: {
        image: string;
        envFrom: { configMapRef?: { name: string }; secretRef?: unknown }[];
        env: { name: string; valueFrom?: { secretKeyRef: { name: string } } }[];
      };
      metadata?: { labels: Record<string, string> };
    }[];
    const solve = templates.find((t) => t.name === 'solve')!;
    expect(solve.container.image).toBe(
      'quay.io/thoth-station/thoth-solver:0.1.0-py{{inputs.parameters.python_version}}',
    );
    expect(solve.metadata?.labels['thoth.io/egress']).toBe('package-indexes');
    for (const t of templates) {
      // The files' envFrom of Secret thoth-step-credentials is replaced by secretKeyRefs to existing Secrets.
      expect(t.container.envFrom, t.name).toEqual([{ configMapRef: { name: 'thoth-step-config' } }]);
      expect(
        t.container.env.map((e) => [e.name, e.valueFrom?.secretKeyRef.name]),
        t.name,
      ).toEqual(
        expect.arrayContaining([
          ['PGPASSWORD', 'thoth-prod-postgresql'],
          ['THOTH_S3_SECRET_ACCESS_KEY', 'thoth-prod-s3'],
          ['THOTH_KAFKA_SASL_PASSWORD', 'thoth-prod-kafka-user'],
        ]),
      );
      if (t.name !== 'solve')
        expect(t.container.image, t.name).toMatch(/^quay\.io\/thoth-station\/thoth@sha256:/);
    }
    expect((byName('thoth-cve-update')['spec'] as { schedule: string }).schedule).toBe('0 4 * * *');
  }, 60_000);

  it('declares a topic and a dead-letter twin for every message schema', async () => {
    const schemaTypes = readdirSync(join(ROOT, 'schemas/messages'))
      .filter((file) => file !== 'envelope.v1.json' && file.endsWith('.json'))
      .map((file) => file.replace(/\.v\d+\.json$/, ''));
    const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as {
      kafka: { topics: { messageTypes: string[] } };
    };
    expect([...values.kafka.topics.messageTypes].sort()).toEqual([...new Set(schemaTypes)].sort());
    const topics = (await render(join(CHART, 'ci/production-values.yaml')))
      .filter((m) => m.kind === 'KafkaTopic')
      .map((m) => m.metadata.name);
    expect(topics).toHaveLength(2 * values.kafka.topics.messageTypes.length);
    expect(topics).toContain('thoth-prod.unresolved-package');
    expect(topics).toContain('thoth-prod.unresolved-package.dead-letter');
  }, 60_000);

  it('renders no Secret and puts no credential into a ConfigMap', async () => {
    for (const scenario of ['default', 'production', 'minimal']) {
      const rendered = await render(join(CHART, `ci/${scenario}-values.yaml`));
      expect(
        rendered.filter((m) => m.kind === 'Secret'),
        scenario,
      ).toEqual([]);
      for (const cm of rendered.filter((m) => m.kind === 'ConfigMap')) {
        const data = (cm['data'] ?? {}) as Record<string, string>;
        expect(
          Object.keys(data).filter((k) => /PASSWORD|SECRET|ACCESS_KEY/.test(k)),
          cm.metadata.name,
        ).toEqual([]);
        expect(data['THOTH_GRAPH_URL'] ?? 'postgres://u@h', cm.metadata.name).not.toMatch(
          /:\/\/[^@/]*:[^@/]*@/,
        );
      }
    }
  }, 60_000);

  it('gives the investigator least privilege: workflows in its namespace only', async () => {
    const rendered = await render(join(CHART, 'ci/default-values.yaml'), '--namespace', 'thoth');
    expect(rendered.filter((m) => m.kind === 'ClusterRole' || m.kind === 'ClusterRoleBinding')).toEqual([]);
    const roles = Object.fromEntries(
      rendered.filter((m) => m.kind === 'Role').map((m) => [m.metadata.name, m['rules']]),
    );
    expect(roles['thoth-investigator']).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get', 'list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(roles['thoth-workflow-executor']).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
    ]);
  }, 60_000);
});
