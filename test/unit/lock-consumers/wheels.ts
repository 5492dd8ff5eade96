// Tiny real wheels for the install tests: written with Python's zipfile (METADATA, WHEEL, RECORD and one
// module), laid out as a PEP 503 simple index (`simple/<name>/index.html` linking `files/<wheel>`).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pythonJson } from './python.js';

/** One wheel to build. `tag` defaults to py3-none-any. */
export interface WheelSpec {
  name: string;
  version: string;
  tag?: string;
}

/** A built wheel: its file name, SHA-256 and size. */
export interface BuiltWheel extends WheelSpec {
  filename: string;
  sha256: string;
  size: number;
}

// RECORD lists every file with a urlsafe-base64 SHA-256 and size, and itself without either (PEP 376/427).
const MAKE_WHEELS = `
import base64, hashlib, json, sys, zipfile
specs, out = json.loads(sys.argv[1]), sys.argv[2]
names = []
for spec in specs:
    name, version, tag = spec["name"], spec["version"], spec.get("tag", "py3-none-any")
    dist = f"{name}-{version}"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\\n".encode(),
        f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n".encode(),
        f"{dist}.dist-info/WHEEL": f"Wheel-Version: 1.0\\nGenerator: thoth-tests\\nRoot-Is-Purelib: true\\nTag: {tag}\\n".encode(),
    }
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist}.dist-info/RECORD,,")
    files[f"{dist}.dist-info/RECORD"] = ("\\n".join(record) + "\\n").encode()
    filename = f"{dist}-{tag}.whl"
    with zipfile.ZipFile(f"{out}/{filename}", "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(zipfile.ZipInfo(path, (2024, 1, 1, 0, 0, 0)), data)
    names.append(filename)
print(json.dumps(names))
`;

/** Builds the wheels into `root/files` and writes a PEP 503 index under `root/simple`. */
export function buildWheelIndex(root: string, specs: WheelSpec[]): BuiltWheel[] {
  const files = join(root, 'files');
  mkdirSync(files, { recursive: true });
  const names = pythonJson<string[]>(MAKE_WHEELS, [JSON.stringify(specs), files]);
  const built = specs.map((spec, i) => {
    const filename = names[i] as string;
    const bytes = readFileSync(join(files, filename));
    return {
      ...spec,
      filename,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    };
  });
  const projects = new Map<string, BuiltWheel[]>();
  for (const wheel of built) {
    const project = wheel.name.toLowerCase().replace(/[-_.]+/g, '-');
    projects.set(project, [...(projects.get(project) ?? []), wheel]);
  }
  mkdirSync(join(root, 'simple'), { recursive: true });
  const rootLinks = [...projects.keys()].map((p) => `<a href="${p}/">${p}</a>`).join('\n');
  writeFileSync(
    join(root, 'simple', 'index.html'),
    `<!DOCTYPE html>\n<html><body>\n${rootLinks}\n</body></html>\n`,
  );
  for (const [project, wheels] of projects) {
    mkdirSync(join(root, 'simple', project), { recursive: true });
    const links = wheels
      .map((w) => `<a href="../../files/${w.filename}#sha256=${w.sha256}">${w.filename}</a>`)
      .join('\n');
    writeFileSync(
      join(root, 'simple', project, 'index.html'),
      `<!DOCTYPE html>\n<html><body>\n${links}\n</body></html>\n`,
    );
  }
  return built;
}
