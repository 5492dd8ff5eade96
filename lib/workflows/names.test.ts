// Deterministic names and the exit-code table.
import { describe, expect, it } from 'vitest';
import { ContractError, HostError, InputError } from '../errors/index.js';
import { EXIT_CODES, RETRY_EXPRESSION, exitCodeForError, isRetriableExitCode } from './exit-codes.js';
import { evaluate } from './engine/expressions.js';
import { isValidWorkflowName, workflowName } from './names.js';

describe('workflowName', () => {
  it.each([
    ['solve', 'pypi:flask:2.0.1'],
    ['security-indicators', 'pypi:numpy:1.26.4'],
    ['advise', 'a'.repeat(5000)],
  ])('%s / %s is deterministic, DNS-1123 and at most 63 characters', (kind, key) => {
    const name = workflowName(kind, key);
    expect(name).toBe(workflowName(kind, key));
    expect(name).toMatch(new RegExp(`^${kind}-[0-9a-f]{16}$`));
    expect(isValidWorkflowName(name)).toBe(true);
  });

  it('differs for different keys', () => {
    expect(workflowName('solve', 'pypi:flask:2.0.1')).not.toBe(workflowName('solve', 'pypi:flask:2.0.2'));
  });

  it.each([['Solve'], ['solve_x'], ['-solve'], ['x'.repeat(47)]])('refuses kind %s', (kind) => {
    expect(() => workflowName(kind, 'k')).toThrow(InputError);
  });
});

describe('exit codes', () => {
  it.each([
    [new InputError('bad flag'), EXIT_CODES.badInput.code],
    [new ContractError('solver document', []), EXIT_CODES.contractViolation.code],
    [new HostError('pypi', '503'), EXIT_CODES.hostUnavailable.code],
    [new Error('bug'), EXIT_CODES.internal.code],
  ])('%o exits %i', (error, code) => {
    expect(exitCodeForError(error)).toBe(code);
  });

  it.each([
    ['0', false],
    ['1', false],
    ['2', false],
    ['3', false],
    ['75', true],
    ['124', true],
    ['137', false],
    ['', false],
  ])('the templates retry expression on exit code "%s" is %s, as the table says', (code, retry) => {
    expect(evaluate(RETRY_EXPRESSION, { variables: new Map([['lastRetry.exitCode', code]]) })).toBe(retry);
    if (code !== '') expect(isRetriableExitCode(Number(code))).toBe(retry);
  });
});
