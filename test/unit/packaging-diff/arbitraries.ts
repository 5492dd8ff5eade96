// fast-check generators of PEP 440-ish strings for the differential properties: mostly valid
// versions and specifiers in every spelling PEP 440 normalizes, with invalid ones mixed in by
// inserting, deleting or swapping characters.
import fc from 'fast-check';

const digits = fc.constantFrom(
  '0',
  '1',
  '2',
  '3',
  '9',
  '10',
  '00',
  '01',
  '010',
  '99',
  '2024',
  '12345678901234567890',
);
const sep = fc.constantFrom('', '', '.', '-', '_');
const ws = fc.constantFrom(
  '',
  '',
  '',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u2003',
  '\u001c',
  '\u0085',
  '\ufeff',
  '\n',
);

const release = fc.array(digits, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
const epoch = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: digits.map((d) => `${d}!`) },
);
const preLetter = fc.constantFrom(
  'a',
  'b',
  'rc',
  'c',
  'alpha',
  'beta',
  'pre',
  'preview',
  'A',
  'Rc',
  'ALPHA',
  'Pre',
);
const pre = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc.tuple(sep, preLetter, sep, fc.option(digits, { nil: '' })).map((p) => p.join('')),
  },
);
const post = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: digits.map((d) => `-${d}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(sep, fc.constantFrom('post', 'rev', 'r', 'POST', 'Rev'), sep, fc.option(digits, { nil: '' }))
      .map((p) => p.join('')),
  },
);
const dev = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(sep, fc.constantFrom('dev', 'DEV', 'Dev'), sep, fc.option(digits, { nil: '' }))
      .map((p) => p.join('')),
  },
);
const localSegment = fc.constantFrom('abc', 'ubuntu', '1', '01', 'a1', 'Z', 'cpu', 'cu118', '7', 'xyz0');
const local = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom('.', '-', '_'), localSegment), { minLength: 1, maxLength: 3 })
      .map((segs) => `+${segs.map(([s, x], i) => (i === 0 ? x : s + x)).join('')}`),
  },
);

/** A well-formed version in some spelling, possibly with surrounding whitespace and a leading v. */
export const wellFormedVersion = fc
  .tuple(ws, fc.constantFrom('', '', '', 'v', 'V'), epoch, release, pre, post, dev, local, ws)
  .map((parts) => parts.join(''));

const junk = fc.constantFrom(
  'x',
  '.',
  '-',
  '_',
  '+',
  '!',
  '*',
  ' ',
  '..',
  'a',
  'post',
  'dev',
  '1',
  '+-',
  ',',
  ';',
  ')',
  'ſ',
  'ı',
  '٣',
);

/** Damages a string: inserts, deletes or replaces characters at chosen positions. */
function damage(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      base,
      fc.nat(),
      fc.nat({ max: 3 }),
      junk,
      fc.constantFrom('insert', 'delete', 'replace', 'truncate'),
    )
    .map(([s, at, len, j, how]) => {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      switch (how) {
        case 'insert':
          return s.slice(0, i) + j + s.slice(i);
        case 'delete':
          return s.slice(0, i) + s.slice(i + len + 1);
        case 'replace':
          return s.slice(0, i) + j + s.slice(i + 1);
        default:
          return s.slice(0, i);
      }
    });
}

/** Versions: three in four well formed, the rest damaged. */
export const versionString = fc.oneof(
  { weight: 3, arbitrary: wellFormedVersion },
  { weight: 1, arbitrary: damage(wellFormedVersion) },
);

/** A clean candidate version (normalized spelling varies) for membership checks. */
export const candidateVersion = fc
  .tuple(epoch, release, pre, post, dev, local)
  .map((parts) => parts.join(''));

const operator = fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=', '===', '==', '>=', '<');
const arbitraryText = fc.constantFrom(
  '1.0',
  'foo',
  'FOO',
  '1.0a1',
  '1.0.0',
  'Foo-Bar',
  '',
  '2.0+local',
  '1!1',
);

/** One specifier, sometimes invalid (wildcards on every operator, locals where not allowed, junk). */
export const specifierString = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(ws, operator, ws, candidateVersion, fc.constantFrom('', '', '', '.*'), ws)
      .map(([a, op, b, v, star, c]) => a + op + b + (op === '===' ? v : v + star) + c),
  },
  { weight: 1, arbitrary: fc.tuple(ws, arbitraryText, ws).map(([a, t, b]) => `${a}===${t}${b}`) },
  { weight: 1, arbitrary: fc.tuple(operator, release).map(([op, r]) => `${op}${r}.*`) },
  { weight: 1, arbitrary: damage(fc.tuple(operator, candidateVersion).map(([op, v]) => op + v)) },
);

/** A specifier set of zero to three specifiers joined by commas (with stray commas now and then). */
export const specifierSetString = fc
  .tuple(
    fc.array(specifierString, { minLength: 0, maxLength: 3 }),
    fc.constantFrom(',', ',', ', ', ' ,', ',,'),
  )
  .map(([specs, joiner]) => specs.join(joiner));
