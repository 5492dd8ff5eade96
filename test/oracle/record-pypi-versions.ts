// Records the real-world fixture of the differential tests: for a list of popular (and some old,
// oddly versioned) projects, the version strings PyPI lists, the version part of each file name as
// uploaded, and the distinct requires-python strings, from the PEP 691 JSON simple API. Run once by
// hand (`npx tsx test/oracle/record-pypi-versions.ts`); the tests read only the recorded file.
import { writeFile } from 'node:fs/promises';

const PROJECTS = [
  'numpy',
  'pandas',
  'requests',
  'django',
  'flask',
  'boto3',
  'setuptools',
  'pip',
  'urllib3',
  'six',
  'certifi',
  'idna',
  'cryptography',
  'pyyaml',
  'typing-extensions',
  'packaging',
  'attrs',
  'click',
  'jinja2',
  'pytest',
  'tensorflow',
  'torch',
  'scipy',
  'matplotlib',
  'pillow',
  'sqlalchemy',
  'pydantic',
  'protobuf',
  'grpcio',
  'wheel',
  'virtualenv',
  'tox',
  'black',
  'mypy',
  'ipython',
  'notebook',
  'tornado',
  'twisted',
  'celery',
  'redis',
  'psycopg2',
  'lxml',
  'beautifulsoup4',
  'scikit-learn',
  'transformers',
  'apache-airflow',
  'pytz',
  'python-dateutil',
  'simplejson',
  'docutils',
  'sphinx',
  'sympy',
  'pyparsing',
  'zope-interface',
  'pywin32',
  'distribute',
  'nose',
  'coverage',
  'jupyterlab',
  'ansible',
  'cython',
  'greenlet',
  'gevent',
  'uvicorn',
  'fastapi',
];

const OUT = new URL('../unit/packaging-diff/__fixtures__/pypi-simple-versions.json', import.meta.url);
const USER_AGENT = 'thoth-fixture-recorder/0.1 (differential tests of PEP 440; one request per project)';

interface SimpleFile {
  filename: string;
  'requires-python'?: string | null;
}
interface SimplePage {
  versions?: string[];
  files: SimpleFile[];
}

// name-version.tar.gz / .zip / .tar.bz2, name-version-tags.whl / .egg: the version as uploaded.
function versionFromFilename(filename: string, project: string): string | undefined {
  const stem = filename.replace(/\.(tar\.gz|tar\.bz2|tar\.xz|zip|tgz|whl|egg|exe|msi|rpm|dmg)$/i, '');
  if (filename.endsWith('.whl') || filename.endsWith('.egg')) return stem.split('-')[1];
  const prefix = project.replace(/[-_.]+/g, '[-_.]');
  const m = new RegExp(`^${prefix}-(.+)$`, 'i').exec(stem);
  return m?.[1];
}

const projects: Record<string, { versions: string[]; filename_versions: string[] }> = {};
const requiresPython = new Set<string>();
for (const project of PROJECTS) {
  const response = await fetch(`https://pypi.org/simple/${project}/`, {
    headers: { accept: 'application/vnd.pypi.simple.v1+json', 'user-agent': USER_AGENT },
  });
  if (!response.ok) throw new Error(`${project}: HTTP ${response.status}`);
  const page = (await response.json()) as SimplePage;
  const fromFiles = new Set<string>();
  for (const file of page.files) {
    const v = versionFromFilename(file.filename, project);
    if (v !== undefined) fromFiles.add(v);
    const rp = file['requires-python'];
    if (typeof rp === 'string' && rp !== '') requiresPython.add(rp);
  }
  const versions = page.versions ?? [];
  projects[project] = {
    versions,
    filename_versions: [...fromFiles].filter((v) => !versions.includes(v)).sort(),
  };
  process.stderr.write(`${project}: ${versions.length} versions, ${fromFiles.size} file versions\n`);
}

const fixture = {
  source: 'https://pypi.org/simple/<project>/ (PEP 691 JSON, api-version 1.x)',
  recorded_at: new Date().toISOString().slice(0, 10),
  projects,
  requires_python: [...requiresPython].sort(),
};
await writeFile(OUT, `${JSON.stringify(fixture, null, 1)}\n`);
