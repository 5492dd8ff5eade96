// Records the real-world Requires-Dist fixtures of the PEP 508 differential tests (run by hand, never by
// the tests): `npx tsx test/unit/packaging-diff/record-fixtures.ts pypi` reads `info.requires_dist` of the
// projects below from PyPI's JSON API (a handful of projects with long dependency lists, so a few requests
// give thousands of lines); `… installed <site-packages>…` reads the Requires-Dist lines of the installed
// distributions' METADATA files. Each writes one unique line per requirement, sorted, under __fixtures__/.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Projects whose metadata carries many extras, markers and URL forms. */
export const PYPI_PROJECTS = [
  'transformers',
  'apache-airflow',
  'homeassistant',
  'pandas',
  'ray',
  'dask',
  'jupyterlab',
  'sphinx',
  'boto3',
  'fastapi',
  'langchain-community',
  'torch',
];

const FIXTURES = new URL('./__fixtures__/', import.meta.url);

async function fromPypi(projects: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const project of projects) {
    const response = await fetch(`https://pypi.org/pypi/${project}/json`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`${project}: HTTP ${response.status}`);
    const body = (await response.json()) as { info?: { requires_dist?: string[] | null } };
    lines.push(...(body.info?.requires_dist ?? []));
  }
  return lines;
}

async function fromInstalled(directories: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const directory of directories) {
    for (const entry of await readdir(directory)) {
      if (!entry.endsWith('.dist-info')) continue;
      const metadata = await readFile(join(directory, entry, 'METADATA'), 'utf8').catch(() => '');
      const headers = metadata.split(/\r?\n\r?\n/)[0] ?? '';
      for (const line of headers.split(/\r?\n/)) {
        if (line.startsWith('Requires-Dist:')) lines.push(line.slice('Requires-Dist:'.length).trim());
      }
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const [source, ...args] = process.argv.slice(2);
  if (source !== 'pypi' && source !== 'installed')
    throw new Error('usage: record-fixtures.ts pypi [project…] | installed <dir>…');
  const lines =
    source === 'pypi' ? await fromPypi(args.length > 0 ? args : PYPI_PROJECTS) : await fromInstalled(args);
  // One requirement per line: metadata never puts a line break inside one, but be sure.
  const unique = [...new Set(lines.filter((l) => !l.includes('\n') && l.trim() !== ''))].sort();
  const file = new URL(`requires-dist-${source}.txt`, FIXTURES);
  await writeFile(file, `${unique.join('\n')}\n`);
  console.log(`${unique.length} lines → ${file.pathname}`);
}

await main();
