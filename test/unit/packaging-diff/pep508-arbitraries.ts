// fast-check arbitraries for PEP 508 marker and requirement strings: mostly well-formed pieces with
// random whitespace and both quote styles, plus mutations (a character inserted or deleted) so that
// invalid inputs and error positions are exercised too.
import fc from 'fast-check';

const VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform.version',
  'platform_machine',
  'platform.machine',
  'platform_python_implementation',
  'platform.python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'extras',
  'dependency_groups',
];
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in', 'not  in', 'not\tin'];
const VALUES = [
  '3.8',
  '3.10.2',
  '2.7',
  '3',
  '3.*',
  '3.11.*',
  '3.9rc1',
  '3.13.0a2',
  '1.0+local',
  'v3.8',
  '3.6,>=2',
  ' 3.6 ',
  '=3.6',
  '3.11.4+',
  '7.3',
  'linux',
  'win32',
  'darwin',
  'posix',
  'nt',
  'x86_64',
  'AMD64',
  'arm64',
  'CPython',
  'PyPy',
  'cpython',
  'Linux',
  'Windows',
  'Foo_Bar',
  'foo-bar',
  'test',
  'Test.X',
  'dev',
  '',
  'é',
  'a"b',
  "a'b",
  '\\n',
  "\\'",
  '\\"',
  '\\x41',
  '\\u00e9',
  '\\101',
  '\\777',
  '\\d',
  '\\',
  '\\x4',
  '\\N{DASH}',
  '\\\\',
  'tab\there',
  'line\nbreak',
  'lone\ud800',
  '😀',
  'form\ffeed',
];
const WS = fc.constantFrom('', ' ', ' ', '  ', '\t');
const WS1 = fc.constantFrom(' ', ' ', '  ', '\t');

const quoted = fc
  .tuple(fc.constantFrom(...VALUES), fc.constantFrom('"', "'"))
  .map(([value, q]) => `${q}${value}${q}`);
const operand = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...VARIABLES) },
  { weight: 1, arbitrary: quoted },
);

/** `var op "value"`, `"value" op var`, and the odd `var op var` / `"a" op "b"`. */
export const markerItem = fc
  .tuple(fc.constantFrom(...VARIABLES), fc.constantFrom(...OPERATORS), quoted, fc.nat(9), operand, WS, WS)
  .map(([variable, op, value, shape, other, w1, w2]) => {
    if (shape < 6) return `${variable}${w1 || ' '}${op}${w2 || ' '}${value}`;
    if (shape < 8) return `${value}${w1 || ' '}${op}${w2 || ' '}${variable}`;
    return `${other} ${op} ${shape === 8 ? variable : value}`;
  });

/** Marker expressions: items joined by and/or, some groups parenthesized, random spacing. */
export const markerExpression: fc.Arbitrary<string> = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { weight: 4, arbitrary: markerItem },
    {
      weight: 1,
      arbitrary: fc.tuple(WS, tie('expr'), WS).map(([a, e, b]) => `(${a}${e}${b})`),
    },
  ),
  expr: fc
    .tuple(
      tie('atom'),
      fc.array(
        fc.tuple(
          WS1,
          fc.oneof(
            { weight: 12, arbitrary: fc.constantFrom('and', 'or') },
            { weight: 1, arbitrary: fc.constantFrom('AND', 'xor') },
          ),
          WS1,
          tie('atom'),
        ),
        {
          maxLength: 3,
          depthIdentifier: 'marker',
        },
      ),
    )
    .map(([first, rest]) => first + rest.map(([a, op, b, atom]) => `${a}${op}${b}${atom}`).join('')),
})).expr;

const NOISE = fc.constantFrom(
  '(',
  ')',
  '"',
  "'",
  ' ',
  ';',
  ',',
  '[',
  ']',
  '@',
  '=',
  '<',
  '.',
  '*',
  'x',
  '\\',
  '\t',
  '+',
);

/** Insert or delete one character of `text` at a random place. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.nat(200), NOISE, fc.boolean()).map(([text, at, c, insert]) => {
    const i = text.length === 0 ? 0 : at % (text.length + 1);
    return insert ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
  });
}

const NAMES = [
  'requests',
  'Django',
  'zope.interface',
  'foo_bar',
  'A',
  'a-',
  '-a',
  'a..b',
  '1',
  'name-with-dashes',
  'é',
  'pkg.',
];
const EXTRAS = ['security', 'Socks', 'dev_tools', 'a.b', 'x', '-bad', 'é'];
const SPECIFIERS = [
  '>=2.8',
  '==1.0.*',
  '!=1.5',
  '~=1.4.2',
  '<3',
  '>1.0',
  '<=2.0a1',
  '===1.0-foo',
  '==1.0+local',
  '== 1.0',
  '>=1.0.*',
  '~=1',
  '==1.0.dev1',
  '==1.*.1',
  '<1.0+local',
  '==v1.0',
  '>= 1.0 ',
  '!=2.0.post1',
  '==1.0a1.*',
  '==1.0 .*',
  '>=1.0+abc',
  'é',
];
const URLS = [
  'https://example.com/pkg-1.0.tar.gz',
  'git+https://github.com/o/r.git@v1#egg=r',
  'file:///tmp/x.whl',
  'https://h/p;x',
  'name',
];

const extrasPart = fc.oneof(
  fc.constant(''),
  fc
    .tuple(WS, fc.array(fc.constantFrom(...EXTRAS), { maxLength: 3 }), fc.constantFrom(',', ', ', ' ,'), WS)
    .map(([a, extras, sep, b]) => `[${a}${extras.join(sep)}${b}]`),
);
const specifierPart = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.array(fc.constantFrom(...SPECIFIERS), { minLength: 1, maxLength: 3 }),
      fc.constantFrom(',', ', ', ' ,'),
      fc.boolean(),
      WS,
    )
    .map(([specs, sep, parens, w]) => (parens ? `(${w}${specs.join(sep)}${w})` : `${w}${specs.join(sep)}`)),
);
const markerPart = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.tuple(WS, WS, markerExpression).map(([a, b, m]) => `${a};${b}${m}`) },
);

/** Requirement strings: name, extras, specifiers or a URL, and a marker, with random spacing. */
export const requirementString = fc
  .tuple(
    WS,
    fc.constantFrom(...NAMES),
    WS,
    extrasPart,
    fc.boolean(),
    specifierPart,
    fc.constantFrom(...URLS),
    WS1,
    markerPart,
    WS,
  )
  .map(([lead, name, w, extras, useUrl, specifier, url, w1, marker, trail]) => {
    const details = useUrl ? `@${w}${url}${marker === '' ? '' : w1}` : specifier;
    return `${lead}${name}${w}${extras}${details}${marker}${trail}`;
  });
