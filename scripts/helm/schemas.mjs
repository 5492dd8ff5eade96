// Converts schemas from offline sources into kubeconform's layout: one standalone, strict JSON
// Schema per kind, named `<kind>[-<group prefix>]-<version>.json` (kubeconform's {{ .ResourceKind }}{{ .KindSuffix }}),
// the layout of yannh/kubernetes-json-schema's `-standalone-strict` sets. "Strict" means an object
// that lists its properties rejects any other (additionalProperties: false), so a misspelt field fails.
//
//   node schemas.mjs crd <out dir> <crd.yaml>...              full CustomResourceDefinitions (Argo Workflows,
//                                                            Strimzi, prometheus-operator): spec.versions[].schema.openAPIV3Schema
//   node schemas.mjs kubernetes <out dir> <schema dir>        kubernetes-validate's `vX.Y.Z-local-strict` folder: kind
//                                                            files referring to `/api/_definitions.json`; refs are
//                                                            made local and only the reachable definitions are kept
//   node schemas.mjs jsonschema <out dir> <schema.json>       a `definitions` bundle with x-kubernetes-group-version-kind
//                                                            (Argo Events' api/jsonschema/schema.json)
//
// Prints one line per file written. Never fetches anything.
/* global structuredClone */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** kubeconform's KindSuffix: "-" + first label of the group (if any) + "-" + version, lower-case. */
function fileName(group, kind, version) {
  const prefix = group === '' ? '' : `-${group.split('.')[0]}`;
  return `${kind}${prefix}-${version}.json`.toLowerCase();
}

/**
 * Turn an OpenAPI v3 (structural CRD) schema into JSON Schema: `nullable` becomes a "null" type,
 * `x-kubernetes-int-or-string` a string-or-integer type, and objects with properties become closed
 * unless they preserve unknown fields or already say what else they allow.
 */
function fromOpenApi(node) {
  if (Array.isArray(node)) return node.map(fromOpenApi);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = fromOpenApi(value);
  if (out['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  close(out);
  return out;
}

/** additionalProperties: false on an object that lists properties and allows nothing else yet. */
function close(schema) {
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (
    isObject &&
    schema.properties !== undefined &&
    schema.additionalProperties === undefined &&
    schema.patternProperties === undefined &&
    schema['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    schema.additionalProperties = false;
  }
}

/** Walk a JSON value and apply `visit` to every object (for closing bundled definitions). */
function walk(node, visit) {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node !== null && typeof node === 'object') {
    visit(node);
    Object.values(node).forEach((value) => walk(value, visit));
  }
}

/** The names of every `#/<section>/<name>` reference reachable from `root`, following the bundle. */
function reachable(root, bundle, pattern) {
  const seen = new Set();
  const queue = [root];
  while (queue.length > 0) {
    walk(queue.pop(), (node) => {
      const match = typeof node.$ref === 'string' ? pattern.exec(node.$ref) : null;
      if (match && !seen.has(match[1])) {
        seen.add(match[1]);
        if (bundle[match[1]] === undefined) throw new Error(`dangling $ref ${node.$ref}`);
        queue.push(bundle[match[1]]);
      }
    });
  }
  return seen;
}

function write(outDir, name, schema) {
  writeFileSync(join(outDir, name), JSON.stringify(schema));
  console.log(join(outDir, name));
}

function convertCrds(outDir, files) {
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema === undefined) throw new Error(`${file}: ${version.name} has no openAPIV3Schema`);
        const converted = fromOpenApi(schema);
        converted.$schema = 'http://json-schema.org/draft-07/schema#';
        write(outDir, fileName(crd.spec.group, crd.spec.names.kind, version.name), converted);
      }
    }
  }
}

function convertKubernetes(outDir, schemaDir) {
  const bundle = JSON.parse(readFileSync(join(schemaDir, '_definitions.json'), 'utf8')).$defs;
  const external = /^\/api\/_definitions\.json#\/\$defs\/(.+)$/;
  for (const name of readdirSync(schemaDir)) {
    if (!name.endsWith('.json') || name.startsWith('_') || name === 'all.json') continue;
    const schema = JSON.parse(readFileSync(join(schemaDir, name), 'utf8'));
    // Only top-level kinds are validated; the per-type files (affinity-v1.json, …) are not needed.
    if (!Array.isArray(schema['x-kubernetes-group-version-kind'])) continue;
    const rewrite = (node) => {
      const match = typeof node.$ref === 'string' ? external.exec(node.$ref) : null;
      if (match) node.$ref = `#/$defs/${match[1]}`;
    };
    walk(schema, rewrite);
    const names = reachable(schema, bundle, /^#\/\$defs\/(.+)$/);
    const defs = {};
    for (const defName of [...names].sort()) defs[defName] = structuredClone(bundle[defName]);
    walk(defs, rewrite);
    // The `$id` is a kubernetes.io address; without it the local refs resolve inside this file.
    delete schema.$id;
    schema.$defs = defs;
    write(outDir, name, schema);
  }
}

function convertJsonSchemaBundle(outDir, file) {
  const bundle = JSON.parse(readFileSync(file, 'utf8')).definitions;
  // Argo's generator types IntOrString as a plain string, which would reject `port: 8080`.
  for (const [name, def] of Object.entries(bundle)) {
    if (name.endsWith('.util.intstr.IntOrString'))
      bundle[name] = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
    else walk(def, close);
  }
  for (const [name, def] of Object.entries(bundle)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    // The bundle also describes core kinds (io.k8s.api…); only its own kinds are written.
    if (!Array.isArray(gvks) || name.startsWith('io.k8s.')) continue;
    const names = reachable(def, bundle, /^#\/definitions\/(.+)$/);
    const definitions = {};
    for (const defName of [...names].sort()) definitions[defName] = bundle[defName];
    for (const gvk of gvks) {
      write(outDir, fileName(gvk.group, gvk.kind, gvk.version), {
        $schema: 'http://json-schema.org/draft-07/schema#',
        ...def,
        definitions,
      });
    }
  }
}

const [mode, outDir, ...inputs] = process.argv.slice(2);
if (outDir === undefined || inputs.length === 0) {
  console.error('usage: node schemas.mjs crd|kubernetes|jsonschema <out dir> <input>...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
if (mode === 'crd') convertCrds(outDir, inputs);
else if (mode === 'kubernetes') convertKubernetes(outDir, inputs[0]);
else if (mode === 'jsonschema') convertJsonSchemaBundle(outDir, inputs[0]);
else {
  console.error(`schemas.mjs: unknown mode "${mode}" (crd|kubernetes|jsonschema)`);
  process.exit(2);
}
