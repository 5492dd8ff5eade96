import { describe, expect, it } from 'vitest';
import { tagToString } from '../python/index.js';
import {
  parseEnvironmentShorthand,
  platformFromTag,
  readEnvironmentFile,
  resolveEnvironment,
  resolveEnvironments,
} from './index.js';

describe('platformFromTag', () => {
  it.each([
    [
      'manylinux_2_34_x86_64',
      { os: 'linux', arch: 'x86_64', glibc: [2, 34] },
      'linux',
      'x86_64',
      'linux-x86_64',
    ],
    [
      'manylinux2014_aarch64',
      { os: 'linux', arch: 'aarch64', glibc: [2, 17] },
      'linux',
      'aarch64',
      'linux-aarch64',
    ],
    [
      'musllinux_1_2_x86_64',
      { os: 'linux', arch: 'x86_64', musl: [1, 2] },
      'linux',
      'x86_64',
      'linux-x86_64',
    ],
    ['linux_armv7l', { os: 'linux', arch: 'armv7l' }, 'linux', 'armv7l', 'linux-armv7l'],
    [
      'macosx_14_0_arm64',
      { os: 'macos', version: [14, 0], arch: 'arm64' },
      'darwin',
      'arm64',
      'macosx-14.0-arm64',
    ],
    ['win_amd64', { os: 'windows', arch: 'x86_64' }, 'win32', 'AMD64', 'win-amd64'],
    ['win32', { os: 'windows', arch: 'x86' }, 'win32', 'x86', 'win32'],
  ])('%s', (tag, spec, sysPlatform, machine, sysconfig) => {
    expect(platformFromTag(tag)).toMatchObject({ spec, sysPlatform, machine, sysconfigPlatform: sysconfig });
  });

  it('refuses a tag it cannot place, naming it and giving examples', () => {
    expect(() => platformFromTag('solaris')).toThrow(
      'platform "solaris" is not a platform tag the solver knows; use e.g.',
    );
  });
});

describe('resolveEnvironment', () => {
  it('derives identity, the full marker environment and the supported tags', () => {
    const target = resolveEnvironment({
      id: 'ubi-9-py311',
      python: '3.11.7',
      platform: 'manylinux_2_34_x86_64',
      osName: 'rhel',
      osVersion: '9',
      markerEnvironment: { platform_release: '5.14.0-362.el9.x86_64' },
    });
    expect(target.environment).toEqual({
      identity: {
        id: 'ubi-9-py311',
        os_name: 'rhel',
        os_version: '9',
        python_version: '3.11',
        platform: 'linux-x86_64',
      },
      python_implementation: 'cpython',
      marker_environment: {
        implementation_name: 'cpython',
        implementation_version: '3.11.7',
        os_name: 'posix',
        platform_machine: 'x86_64',
        platform_python_implementation: 'CPython',
        platform_release: '5.14.0-362.el9.x86_64',
        platform_system: 'Linux',
        platform_version: '',
        python_full_version: '3.11.7',
        python_version: '3.11',
        sys_platform: 'linux',
      },
    });
    const tags = target.supportedTags.map(tagToString);
    expect(tags[0]).toBe('cp311-cp311-linux_x86_64');
    expect(tags).toContain('cp311-abi3-manylinux_2_34_x86_64');
    expect(tags).toContain('cp311-cp311-manylinux2014_x86_64');
    expect(tags).not.toContain('cp311-cp311-manylinux_2_35_x86_64');
    expect(tags.at(-1)).toBe('py30-none-any');
  });

  it('reads X.Y as X.Y.0 and Windows as Windows', () => {
    const target = resolveEnvironment({ id: 'win', python: '3.12', platform: 'win_amd64' });
    expect(target.environment.marker_environment).toMatchObject({
      python_full_version: '3.12.0',
      os_name: 'nt',
      platform_system: 'Windows',
      sys_platform: 'win32',
      platform_machine: 'AMD64',
    });
    expect(target.supportedTags.map(tagToString)).toContain('cp312-cp312-win_amd64');
  });

  it.each([
    [{ id: 'Bad Id', python: '3.11', platform: 'win32' }, 'environment id "Bad Id" must be lowercase'],
    [{ id: 'x', python: 'three', platform: 'win32' }, 'python "three" must be a version such as 3.11'],
    [{ id: 'x', python: '3', platform: 'win32' }, 'python "3" must be a version'],
    [
      { id: 'x', python: '3.11', platform: 'win32', osName: 'Red Hat' },
      'os "Red Hat" must be an os-release ID',
    ],
    [
      { id: 'x', python: '3.11', platform: 'win32', markerEnvironment: { extra: 'a' } },
      '"extra" is not a PEP 508 marker variable',
    ],
  ])('refuses %j', (spec, message) => {
    expect(() => resolveEnvironment(spec)).toThrow(message);
  });

  it('refuses duplicate ids', () => {
    const spec = { id: 'a', python: '3.11', platform: 'win32' };
    expect(() => resolveEnvironments([spec, spec])).toThrow('environment id "a" is given twice');
  });
});

describe('environment inputs', () => {
  it('reads the --environment shorthand', () => {
    expect(
      parseEnvironmentShorthand(
        'id=pp,python=3.10.14,platform=manylinux_2_17_x86_64,implementation=pypy,abis=pypy310_pp73',
      ),
    ).toEqual({
      id: 'pp',
      python: '3.10.14',
      platform: 'manylinux_2_17_x86_64',
      implementation: 'pypy',
      abis: ['pypy310_pp73'],
    });
  });

  it.each([
    ['id=a,python=3.11', '"platform=" is required'],
    ['id=a,python=3.11,platform=win32,color=blue', 'unknown key "color"'],
    ['id=a,id=b', '"id" given twice'],
    ['nonsense', '"nonsense" is not key=value'],
  ])('refuses %s', (text, message) => {
    expect(() => parseEnvironmentShorthand(text)).toThrow(message);
  });

  it('reads an environment file as one object, a list, or {environments: [...]}', () => {
    const one = {
      id: 'a',
      python: '3.11.7',
      platform: 'manylinux_2_34_x86_64',
      os_name: 'rhel',
      os_version: '9',
    };
    const expected = [
      { id: 'a', python: '3.11.7', platform: 'manylinux_2_34_x86_64', osName: 'rhel', osVersion: '9' },
    ];
    expect(readEnvironmentFile(one)).toEqual(expected);
    expect(readEnvironmentFile([one])).toEqual(expected);
    expect(readEnvironmentFile({ environments: [one] })).toEqual(expected);
  });

  it.each([
    [[], 'env.json: lists no environment'],
    [[{ id: 'a', python: '3.11' }], 'env.json entry 0: "platform" must be a non-empty string'],
    [[{ id: 'a', python: '3.11', platform: 'win32', gpu: true }], 'env.json entry 0: unknown field "gpu"'],
    [
      [{ id: 'a', python: '3.11', platform: 'win32', marker_environment: { os_name: 1 } }],
      '"marker_environment" must map',
    ],
  ])('refuses %j', (data, message) => {
    expect(() => readEnvironmentFile(data, 'env.json')).toThrow(message);
  });
});
