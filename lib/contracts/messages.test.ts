// The message catalogue and parseMessage: entries keyed by (type, version) with kebab-case topic suffixes,
// envelope then payload validation, and ContractErrors whose text names the field and the rule.
import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors/index.js';
import {
  MESSAGE_CATALOGUE,
  findMessageSpec,
  latestMessageSpec,
  parseMessage,
  parseSolvedPackage,
  parseUnresolvedPackage,
} from './index.js';
import type { Message, MessagePayload } from './index.js';

const SOLVED: MessagePayload<'SolvedPackage'> = {
  package_name: 'flask',
  package_version: '2.0.1',
  index_url: 'https://pypi.org/simple',
  environment: {
    id: 'ubi-9-py311',
    os_name: 'rhel',
    os_version: '9',
    python_version: '3.11',
    platform: 'linux-x86_64',
  },
  document_id: 'solver-ubi-9-py311-9c1d2e3f',
  verdict: { installable: true, reason: null, detail: null },
};

function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '6f1c2b9e-4d0a-4c57-9a43-1f0e2d3c4b5a',
    type: 'SolvedPackage',
    version: 1,
    key: 'pypi:flask:2.0.1:ubi-9-py311',
    occurred_at: '2024-03-01T12:00:00Z',
    producer: { component: 'step-graph-sync', version: '0.1.0' },
    correlation_id: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
    causation_id: null,
    payload: SOLVED,
    ...overrides,
  };
}

function contractError(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError');
}

describe('MESSAGE_CATALOGUE', () => {
  it('holds the pipeline messages, each once per version', () => {
    expect(MESSAGE_CATALOGUE.map((s) => `${s.type}@${s.version}`).sort()).toEqual([
      'AdviseRequested@1',
      'AdviserReRun@1',
      'CVEProvided@1',
      'DependencyMonkeyRequested@1',
      'HashMismatch@1',
      'InspectionCompleted@1',
      'MissingPackage@1',
      'MissingVersion@1',
      'PackageReleased@1',
      'ProvenanceCheckRequested@1',
      'SIUnanalyzedPackage@1',
      'SolvedPackage@1',
      'UnresolvedPackage@1',
      'UpdateProvidesSourceDistro@1',
    ]);
  });

  it.each([
    ['SolvedPackage', 'solved-package'],
    ['SIUnanalyzedPackage', 'si-unanalyzed-package'],
    ['CVEProvided', 'cve-provided'],
    ['AdviserReRun', 'adviser-re-run'],
  ])('gives %s the topic suffix %s and its schema id', (type, suffix) => {
    const spec = findMessageSpec(type, 1);
    expect(spec?.topicSuffix).toBe(suffix);
    expect(spec?.schemaId).toBe(`https://thoth-station.ninja/schemas/messages/${suffix}.v1.json`);
  });

  it('finds nothing for an unknown (type, version)', () => {
    expect(findMessageSpec('SolvedPackage', 2)).toBeUndefined();
    expect(findMessageSpec('QebHwtTrigger', 1)).toBeUndefined();
  });

  it('knows the newest version of a type', () => {
    expect(latestMessageSpec('UnresolvedPackage')).toMatchObject({ type: 'UnresolvedPackage', version: 1 });
  });
});

describe('parseMessage', () => {
  it('returns the message with its payload typed by (type, version)', () => {
    const message: Message = parseMessage(envelope());
    expect(message.type).toBe('SolvedPackage');
    if (message.type !== 'SolvedPackage') throw new Error('narrowing failed');
    // Compiles only because the payload is typed as SolvedPackage after narrowing on type.
    expect(message.payload.environment.python_version).toBe('3.11');
  });

  it('names the payload field and the rule', () => {
    const error = contractError(() => parseMessage(envelope({ payload: { ...SOLVED, package_version: 2 } })));
    expect(error.message).toBe('invalid SolvedPackage v1 message: /payload/package_version must be string');
    expect(error.violations).toEqual([
      { pointer: '/payload/package_version', keyword: 'type', message: 'must be string' },
    ]);
    expect(error.code).toBe('contract-violation');
    expect(error.retriable).toBe(false);
    expect(error.context).toMatchObject({
      messageId: '6f1c2b9e-4d0a-4c57-9a43-1f0e2d3c4b5a',
      messageType: 'SolvedPackage',
      key: 'pypi:flask:2.0.1:ubi-9-py311',
    });
  });

  it('names a missing envelope field at the root', () => {
    const { key: _key, ...withoutKey } = envelope();
    const error = contractError(() => parseMessage(withoutKey));
    expect(error.message).toBe("invalid MessageEnvelope: / must have required property 'key'");
    expect(error.violations[0]).toEqual({
      pointer: '',
      keyword: 'required',
      message: "must have required property 'key'",
    });
  });

  it('lists every violation at once', () => {
    const error = contractError(() =>
      parseMessage(envelope({ id: 'not-a-uuid', occurred_at: 'yesterday', extra: 1 })),
    );
    expect(error.violations.map((v) => `${v.pointer || '/'} ${v.message}`)).toEqual([
      "/ must NOT have additional property 'extra'",
      '/id must match format "uuid"',
      '/occurred_at must match format "date-time"',
    ]);
  });

  it('refuses a type or version the catalogue does not have', () => {
    expect(contractError(() => parseMessage(envelope({ type: 'AdviserTrigger' }))).violations).toEqual([
      {
        pointer: '/type',
        keyword: 'catalogue',
        message: "must be a known message type, got 'AdviserTrigger'",
      },
    ]);
    expect(contractError(() => parseMessage(envelope({ version: 2 }))).message).toBe(
      "invalid MessageEnvelope: /version 'SolvedPackage' has no version 2 (known: 1)",
    );
  });

  it('validates the payload against the schema of its own type', () => {
    // A valid SolvedPackage payload is not a valid UnresolvedPackage payload.
    const error = contractError(() => parseMessage(envelope({ type: 'UnresolvedPackage' })));
    expect(error.contract).toBe('UnresolvedPackage v1 message');
    expect(error.violations.map((v) => v.message)).toContain("must have required property 'requested_by'");
  });
});

describe('payload parsers', () => {
  it('return the payload typed and refuse a wrong one', () => {
    expect(parseSolvedPackage(SOLVED).document_id).toBe('solver-ubi-9-py311-9c1d2e3f');
    const error = contractError(() => parseUnresolvedPackage({ ...SOLVED }));
    expect(error.contract).toBe('UnresolvedPackage');
  });

  it('say "or null" for a nullable field instead of listing the null branch', () => {
    const error = contractError(() =>
      parseUnresolvedPackage({
        package_name: 'flask',
        package_version: null,
        specifier: null,
        index_url: 'https://pypi.org/simple',
        environment: 'solver-rhel-8-py38',
        requested_by: null,
      }),
    );
    expect(error.violations).toEqual([
      { pointer: '/environment', keyword: 'type', message: 'must be object or null' },
    ]);
  });
});
