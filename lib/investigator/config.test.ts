// Configuration from the environment: defaults, and one error listing every problem at once.
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { readInvestigatorConfig } from './config.js';
import { ENVIRONMENTS } from './test-support/fixtures.js';

const VALID = {
  THOTH_HOME: '/tmp/thoth-test-home',
  THOTH_KAFKA_BROKERS: 'kafka-0:9092,kafka-1:9092',
  THOTH_INVESTIGATOR_ENVIRONMENTS: JSON.stringify(ENVIRONMENTS),
};

describe('readInvestigatorConfig', () => {
  it('fills defaults from a minimal environment', () => {
    const config = readInvestigatorConfig(VALID);
    expect(config).toMatchObject({
      kafka: { brokers: ['kafka-0:9092', 'kafka-1:9092'], clientId: 'thoth-investigator' },
      groupId: 'thoth-local.investigator',
      engine: { kind: 'local', workflowsDir: 'workflows' },
      deadLetterAttempts: 5,
      httpPort: 8080,
      policy: { limits: {}, maxJobAttempts: 3, artifactPrefix: 'data/thoth-local' },
    });
    expect(config.messageTypes).toContain('SolvedPackage');
    expect(config.policy.environments.map((e) => e.id)).toEqual(['rhel-9-py311', 'ubi-9-py312']);
  });

  it('reads the Argo engine and per-kind limits', () => {
    const config = readInvestigatorConfig({
      ...VALID,
      THOTH_DEPLOYMENT: 'prod',
      THOTH_WORKFLOW_ENGINE: 'argo',
      THOTH_ARGO_URL: 'https://argo-server.argo:2746',
      THOTH_ARGO_NAMESPACE: 'thoth',
      THOTH_ARGO_TOKEN_FILE: '/var/run/secrets/token',
      THOTH_INVESTIGATOR_LIMITS: 'solve=50, security-indicator=5',
      THOTH_INVESTIGATOR_MESSAGE_TYPES: 'SolvedPackage,UnresolvedPackage',
    });
    expect(config.engine).toEqual({
      kind: 'argo',
      baseUrl: 'https://argo-server.argo:2746',
      namespace: 'thoth',
      tokenFile: '/var/run/secrets/token',
    });
    expect(config.policy.limits).toEqual({ solve: 50, 'security-indicator': 5 });
    expect(config.groupId).toBe('prod.investigator');
    expect(config.messageTypes).toEqual(['SolvedPackage', 'UnresolvedPackage']);
  });

  it('accepts any environment id, and refuses at start an environment the solver cannot place', () => {
    const acme = { ...ENVIRONMENTS[0]!, id: 'acme-prod-east' };
    expect(
      readInvestigatorConfig({ ...VALID, THOTH_INVESTIGATOR_ENVIRONMENTS: JSON.stringify([acme]) }).policy
        .environments,
    ).toEqual([acme]);
    expect(() =>
      readInvestigatorConfig({
        ...VALID,
        THOTH_INVESTIGATOR_ENVIRONMENTS: JSON.stringify([{ ...acme, platform: 'aix-7.2' }]),
      }),
    ).toThrow(
      /THOTH_INVESTIGATOR_ENVIRONMENTS\[0\] cannot be solved for: platform "aix-7.2" is not a platform tag/,
    );
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      readInvestigatorConfig({
        THOTH_GRAPH_URL: 'mysql://x',
        THOTH_KAFKA_BROKERS: 'no-port',
        THOTH_WORKFLOW_ENGINE: 'argo',
        THOTH_INVESTIGATOR_ENVIRONMENTS: '[{"id": "x"}]',
        THOTH_INVESTIGATOR_LIMITS: 'solve=0,bogus=3',
        THOTH_INVESTIGATOR_DEAD_LETTER_ATTEMPTS: 'many',
        THOTH_INVESTIGATOR_MESSAGE_TYPES: 'Nope',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).context['problems'] as string[];
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'THOTH_GRAPH_URL',
      'THOTH_KAFKA_BROKERS:',
      'THOTH_INVESTIGATOR_MESSAGE_TYPES:',
      'THOTH_ARGO_URL',
      'THOTH_ARGO_NAMESPACE',
      'THOTH_INVESTIGATOR_ENVIRONMENTS[0]',
      'THOTH_INVESTIGATOR_LIMITS:',
      'THOTH_INVESTIGATOR_LIMITS:',
      'THOTH_INVESTIGATOR_DEAD_LETTER_ATTEMPTS',
    ]);
    expect((error as InputError).message).toContain('\n  - THOTH_ARGO_URL is required');
  });
});
