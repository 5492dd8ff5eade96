// Acceptance against pip's own parser: pip's parse_requirements (pip/_internal/req/req_file.py) and
// readRequirementsTxt read the same files to the same requirements, with the same line numbers,
// editable and constraint flags, and hashes.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRequirementsTxt } from '../../../lib/python/readers/index.js';
import { pythonJson } from './python.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

// pip's `comes_from` is "-r <file> (line N)" or "-c <file> (line N)".
const PIP_PARSE = `
import json, re, sys
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
rows = []
for parsed in parse_requirements(sys.argv[1], session=PipSession()):
    match = re.match(r"^-[rc] (.*) \\(line (\\d+)\\)$", parsed.comes_from)
    hashes = sorted(f"{algo}:{digest}" for algo, digests in (parsed.options or {}).get("hashes", {}).items() for digest in digests)
    rows.append([match.group(1), int(match.group(2)), parsed.requirement.strip(), parsed.is_editable, parsed.constraint, hashes])
print(json.dumps(rows))
`;

type Row = [string, number, string, boolean, boolean, string[]];

describe("pip's requirements-file parser", () => {
  it.each(['requirements-pip-diff.txt'])('reads %s as we do', (name) => {
    const file = join(FIXTURES, name);
    const env = { SENTRY_VERSION: '1.45.0' };
    const pip = pythonJson<Row[]>(PIP_PARSE, [file], env);
    const ours = readRequirementsTxt(readFileSync(file, 'utf8'), {
      file,
      env,
      load: (path, relativeTo) => {
        const included = resolve(dirname(relativeTo), path);
        return { file: included, text: readFileSync(included, 'utf8') };
      },
    });
    const rows: Row[] = [...ours.requirements, ...ours.constraints].map((r) => [
      r.origin.file,
      r.origin.line,
      r.text,
      r.editable,
      r.isConstraint,
      [...r.hashes].sort(),
    ]);
    const order = (a: Row, b: Row) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1);
    expect(rows.sort(order)).toEqual(pip.sort(order));
    expect(pip.length).toBeGreaterThan(15);
  });
});
