// Converts packse's resolver scenarios (astral-sh/packse, `scenarios/**/*.toml`, MIT OR Apache-2.0)
// into the JSON the adviser's packse table test reads (scenarios.json beside this file).
// Usage: npx tsx lib/adviser/__fixtures__/packse/convert.ts <packse checkout>/scenarios [source label]
// scripts/packse-scenarios.sh downloads the packse sdist from PyPI (it carries scenarios/) and runs this.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

interface PackseVersion {
  requires_python?: string | null;
  requires?: string[];
  extras?: Record<string, string[]>;
  sdist?: boolean;
  wheel?: boolean;
  yanked?: boolean;
  wheel_tags?: string[];
}

interface PackseScenario {
  name: string;
  description?: string;
  root?: { requires?: string[]; requires_python?: string | null };
  expected: { satisfiable: boolean; packages?: Record<string, string>; explanation?: string };
  environment?: { python?: string; additional_python?: string[] };
  resolver_options?: Record<string, unknown>;
  packages?: Record<string, { versions?: Record<string, PackseVersion> }>;
}

function tomlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...tomlFiles(path));
    else if (entry.endsWith('.toml')) out.push(path);
  }
  return out;
}

const [scenarioDir, source = 'astral-sh/packse scenarios/'] = process.argv.slice(2);
if (scenarioDir === undefined) {
  process.stderr.write('usage: convert.ts <packse scenarios dir> [source label]\n');
  process.exit(2);
}

const scenarios = tomlFiles(scenarioDir).map((file) => {
  const s = parse(readFileSync(file, 'utf8')) as unknown as PackseScenario;
  const packages: Record<string, Record<string, Required<PackseVersion>>> = {};
  for (const [name, pkg] of Object.entries(s.packages ?? {})) {
    packages[name] = {};
    for (const [version, meta] of Object.entries(pkg.versions ?? {})) {
      packages[name][version] = {
        // packse's default Requires-Python for every generated package.
        requires_python: meta.requires_python === undefined ? '>=3.12' : meta.requires_python,
        requires: meta.requires ?? [],
        extras: meta.extras ?? {},
        sdist: meta.sdist ?? true,
        wheel: meta.wheel ?? true,
        yanked: meta.yanked ?? false,
        wheel_tags: meta.wheel_tags ?? [],
      };
    }
  }
  return {
    name: s.name,
    file: relative(scenarioDir, file),
    description: s.description ?? '',
    root: {
      requires: s.root?.requires ?? [],
      requires_python: s.root?.requires_python === undefined ? '>=3.12' : s.root.requires_python,
    },
    python: (s.resolver_options?.python as string | undefined) ?? s.environment?.python ?? '3.12',
    resolver_options: s.resolver_options ?? {},
    expected: {
      satisfiable: s.expected.satisfiable,
      packages: s.expected.packages ?? {},
      explanation: s.expected.explanation ?? null,
    },
    packages,
  };
});

const out = join(dirname(fileURLToPath(import.meta.url)), 'scenarios.json');
writeFileSync(
  out,
  `${JSON.stringify({ source, license: 'MIT OR Apache-2.0 (packse)', scenarios }, null, 1)}\n`,
);
process.stdout.write(`${scenarios.length} scenarios written to ${out}\n`);
