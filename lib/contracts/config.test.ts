// The user-facing contracts: a .thoth.yaml read with the yaml package and a runtime environment, both
// validated strictly with errors that point at the key to fix.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ContractError } from '../errors/index.js';
import { parseRuntimeEnvironment, parseThothConfig } from './index.js';

const THOTH_YAML = `
host: https://thoth.example.com
tls_verify: true
requirements_format: pipenv
indexes:
  - name: pypi
    url: https://pypi.org/simple
runtime_environments:
  - name: ubi9-py311
    operating_system: { name: rhel, version: "9" }
    python_version: "3.11"
    recommendation_type: stable
    hardware: { cpu_family: 6, cpu_model: 85 }
lock_formats: [pipfile-lock, pylock]
limits: { count: 1, timeout_seconds: 90 }
`;

describe('parseThothConfig', () => {
  it('accepts a .thoth.yaml', () => {
    const config = parseThothConfig(parseYaml(THOTH_YAML));
    expect(config.runtime_environments?.[0]?.recommendation_type).toBe('stable');
    expect(config.lock_formats).toEqual(['pipfile-lock', 'pylock']);
  });

  it('names the key and the allowed values', () => {
    const yaml = THOTH_YAML.replace('recommendation_type: stable', 'recommendation_type: fastest').replace(
      'requirements_format: pipenv',
      'requirements_format: poetry',
    );
    expect(() => parseThothConfig(parseYaml(yaml))).toThrow(
      'invalid ThothConfig: /requirements_format must be one of "pip", "pipenv", "pyproject"; ' +
        '/runtime_environments/0/recommendation_type must be one of "latest", "stable", "testing", "performance", "security"',
    );
  });

  it('refuses an unknown key by name', () => {
    // python_version given as a YAML number is the classic mistake: 3.10 would read as 3.1.
    const yaml = THOTH_YAML.replace('python_version: "3.11"', 'python_version: 3.11').replace(
      'tls_verify',
      'verify',
    );
    let error: unknown;
    try {
      parseThothConfig(parseYaml(yaml));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations).toEqual([
      { pointer: '', keyword: 'additionalProperties', message: "must NOT have additional property 'verify'" },
      { pointer: '/runtime_environments/0/python_version', keyword: 'type', message: 'must be string' },
    ]);
  });
});

describe('parseRuntimeEnvironment', () => {
  it('needs only the Python version', () => {
    expect(parseRuntimeEnvironment({ python_version: '3.12' })).toEqual({ python_version: '3.12' });
  });

  it('refuses a marker environment missing a PEP 508 variable', () => {
    expect(() =>
      parseRuntimeEnvironment({ python_version: '3.12', marker_environment: { os_name: 'posix' } }),
    ).toThrow(
      "invalid RuntimeEnvironment: /marker_environment must have required property 'implementation_name'",
    );
  });
});
