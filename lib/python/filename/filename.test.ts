import { describe, expect, it } from 'vitest';
import { tagToString } from '../tags/index.js';
import {
  InvalidSdistFilenameError,
  InvalidWheelFilenameError,
  parseSdistFilename,
  parseWheelFilename,
} from './index.js';

describe('parseWheelFilename', () => {
  it.each([
    ['foo-1.0-py3-none-any.whl', 'foo', '1.0', undefined, ['py3-none-any']],
    [
      'Foo_Bar-2.0.post1-1abc-py2.py3-none-any.whl',
      'foo-bar',
      '2.0.post1',
      { number: 1, suffix: 'abc' },
      ['py2-none-any', 'py3-none-any'],
    ],
    [
      'zope.interface-6.4-cp312-cp312-win_amd64.whl',
      'zope-interface',
      '6.4',
      undefined,
      ['cp312-cp312-win_amd64'],
    ],
  ])('%s', (file, name, version, build, tags) => {
    const wheel = parseWheelFilename(file);
    expect(wheel.name).toBe(name);
    expect(wheel.version.toString()).toBe(version);
    expect(wheel.build).toEqual(build);
    expect(wheel.tags.map(tagToString).sort()).toEqual(tags);
  });

  it.each([
    [
      'foo-1.0-py3-none-any.zip',
      'Invalid wheel filename (extension must be \'.whl\'): "foo-1.0-py3-none-any.zip"',
    ],
    [
      'foo-1.0-none-any.whl',
      'Invalid wheel filename (wrong number of parts, expected 5 or 6 separated by \'-\'): "foo-1.0-none-any.whl"',
    ],
    ['foo__bar-1.0-py3-none-any.whl', 'Invalid project name: "foo__bar-1.0-py3-none-any.whl"'],
    [
      'foo-one-py3-none-any.whl',
      'Invalid wheel filename (invalid version "one"): "foo-one-py3-none-any.whl"',
    ],
    ['foo-1.0-abc-py3-none-any.whl', 'Invalid build number: "abc" in "foo-1.0-abc-py3-none-any.whl"'],
    [
      'foo-1.0-py3--any.whl',
      "Invalid wheel filename (invalid tag component: Tag 'py3--any' has an empty component: ''): \"foo-1.0-py3--any.whl\"",
    ],
  ])('refuses %s', (file, message) => {
    expect(() => parseWheelFilename(file)).toThrow(InvalidWheelFilenameError);
    expect(() => parseWheelFilename(file)).toThrow(message);
  });
});

describe('parseSdistFilename', () => {
  it.each([
    ['foo-1.0.tar.gz', 'foo', '1.0'],
    ['Foo.Bar-2.0rc1.zip', 'foo-bar', '2.0rc1'],
    ['foo-bar-1.0.tar.gz', 'foo-bar', '1.0'],
  ])('%s', (file, name, version) => {
    const sdist = parseSdistFilename(file);
    expect([sdist.name, sdist.version.toString()]).toEqual([name, version]);
  });

  it.each([
    ['foo-1.0.tgz', "Invalid sdist filename (extension must be '.tar.gz' or '.zip'): \"foo-1.0.tgz\""],
    ['foo.tar.gz', 'Invalid sdist filename (no \'-\' between name and version): "foo.tar.gz"'],
    ['-1.0.zip', 'Invalid sdist filename (empty project name): "-1.0.zip"'],
    ['foo-x.y.zip', 'Invalid sdist filename (invalid version "x.y"): "foo-x.y.zip"'],
  ])('refuses %s', (file, message) => {
    expect(() => parseSdistFilename(file)).toThrow(InvalidSdistFilenameError);
    expect(() => parseSdistFilename(file)).toThrow(message);
  });
});
