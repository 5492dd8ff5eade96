import { describe, expect, it } from 'vitest';
import {
  InvalidTagError,
  isCompatible,
  macPlatforms,
  manylinuxPlatforms,
  parseTag,
  supportedTags,
  tagPriority,
  tagToString,
} from './index.js';

describe('parseTag', () => {
  it.each([
    ['py3-none-any', ['py3-none-any']],
    ['py2.py3-none-any', ['py2-none-any', 'py3-none-any']],
    ['CP312-CP312-WIN_AMD64', ['cp312-cp312-win_amd64']],
    [
      'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64',
      ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-manylinux2014_x86_64'],
    ],
  ])('%s', (text, expected) => {
    expect(parseTag(text).map(tagToString)).toEqual(expected);
  });

  it.each([
    ['py3-none', "Tag 'py3-none' must have exactly three components"],
    ['py3--any', "Tag 'py3--any' has an empty component: ''"],
    ['3py-none-any', "Tag '3py-none-any' has an invalid interpreter: '3py'"],
  ])('refuses %s', (text, message) => {
    expect(() => parseTag(text)).toThrow(InvalidTagError);
    expect(() => parseTag(text)).toThrow(message);
  });

  it('checks PEP 425 order on request', () => {
    expect(() => parseTag('py3.py2-none-any', { validateOrder: true })).toThrow(
      "Tag component 'py3.py2' is not in sorted order per PEP 425",
    );
  });
});

describe('platform lists', () => {
  it('lists manylinux from the glibc down, with the legacy aliases', () => {
    expect(manylinuxPlatforms(['x86_64'], [2, 17]).slice(0, 3)).toEqual([
      'manylinux_2_17_x86_64',
      'manylinux2014_x86_64',
      'manylinux_2_16_x86_64',
    ]);
    expect(manylinuxPlatforms(['x86_64'], [2, 17]).at(-1)).toBe('manylinux1_x86_64');
    expect(manylinuxPlatforms(['aarch64'], [2, 17])).toEqual([
      'manylinux_2_17_aarch64',
      'manylinux2014_aarch64',
    ]);
    expect(manylinuxPlatforms(['armv6l'], [2, 35])).toEqual([]);
  });

  it('lists macOS 11+ majors, then 10.x (universal2 only on arm64)', () => {
    const arm = macPlatforms([14, 5], 'arm64');
    expect(arm.slice(0, 4)).toEqual([
      'macosx_14_0_arm64',
      'macosx_14_0_universal2',
      'macosx_13_0_arm64',
      'macosx_13_0_universal2',
    ]);
    expect(arm).toContain('macosx_10_16_universal2');
    expect(arm).not.toContain('macosx_10_16_arm64');
  });
});

describe('supportedTags and priorities', () => {
  const linux = supportedTags(
    { implementation: 'cpython', pythonVersion: [3, 12] },
    { os: 'linux', arch: 'x86_64', glibc: [2, 28] },
  );

  it('starts with the most specific tag and ends with py30-none-any', () => {
    expect(tagToString(linux[0]!)).toBe('cp312-cp312-linux_x86_64');
    expect(tagToString(linux[1]!)).toBe('cp312-cp312-manylinux_2_28_x86_64');
    expect(tagToString(linux.at(-1)!)).toBe('py30-none-any');
  });

  it.each([
    ['x-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64', true],
    ['x-cp39-abi3-manylinux_2_28_x86_64', true],
    ['x-cp312-cp312-musllinux_1_1_x86_64', false],
    ['x-cp312-cp312-manylinux_2_34_x86_64', false],
    ['x-py3-none-any', true],
    ['x-cp311-cp311-manylinux_2_17_x86_64', false],
  ])('%s compatible: %s', (wheelTags, expected) => {
    const tags = parseTag(wheelTags.split('-').slice(1).join('-'));
    expect(isCompatible(tags, linux)).toBe(expected);
  });

  it('ranks a binary wheel before the pure-Python one', () => {
    const binary = tagPriority(parseTag('cp312-cp312-manylinux_2_17_x86_64'), linux)!;
    const abi3 = tagPriority(parseTag('cp38-abi3-manylinux_2_17_x86_64'), linux)!;
    const pure = tagPriority(parseTag('py3-none-any'), linux)!;
    expect(binary).toBeLessThan(abi3);
    expect(abi3).toBeLessThan(pure);
    expect(tagPriority(parseTag('cp27-cp27mu-manylinux1_x86_64'), linux)).toBeUndefined();
  });

  it('gives Windows its single platform', () => {
    const win = supportedTags(
      { implementation: 'cpython', pythonVersion: [3, 11] },
      { os: 'windows', arch: 'x86_64' },
    );
    expect(win.slice(0, 3).map(tagToString)).toEqual([
      'cp311-cp311-win_amd64',
      'cp311-abi3-win_amd64',
      'cp311-none-win_amd64',
    ]);
  });
});
