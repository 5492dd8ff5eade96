// Test support: checks a value against one schema of Argo's own API description (OAS3 converted from
// Argo v3.6.19's swagger.json, ../../argo-client/spec/argo-oas3.json). Argo's schemas never say
// additionalProperties: false, so a misspelt field would pass plain ajv; undeclared fields are
// reported as well. Used by the contract tests of the Argo-backed engines and by the Argo server
// facade (argo-server-facade.ts), the stand-ins for an Argo server that cannot run on this machine.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { default as addFormatsImport } from 'ajv-formats';

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  allOf?: SchemaNode[];
}

const spec = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../argo-client/spec/argo-oas3.json', import.meta.url)), 'utf8'),
) as { components: { schemas: Record<string, SchemaNode> } };

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'argo');

/** The schemas of the operations Thoth uses, by role. */
export const ARGO_SCHEMA = {
  submit: 'io.argoproj.workflow.v1alpha1.WorkflowSubmitRequest',
  workflow: 'io.argoproj.workflow.v1alpha1.Workflow',
  list: 'io.argoproj.workflow.v1alpha1.WorkflowList',
  error: 'grpc.gateway.runtime.Error',
  logEntry: 'io.argoproj.workflow.v1alpha1.LogEntry',
} as const;

function resolveRef(node: SchemaNode): SchemaNode {
  let n = node;
  while (n.$ref !== undefined) n = spec.components.schemas[n.$ref.replace('#/components/schemas/', '')] ?? {};
  return n;
}

/** JSON pointers of fields the schema does not declare (misspellings pass plain ajv here). */
function unknownFields(value: unknown, node: SchemaNode, at = ''): string[] {
  const s = resolveRef(node);
  if (Array.isArray(value))
    return s.items ? value.flatMap((v, i) => unknownFields(v, s.items as SchemaNode, `${at}/${i}`)) : [];
  if (value === null || typeof value !== 'object' || s.properties === undefined) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const child = s.properties?.[k];
    if (child === undefined) return [`${at}/${k}`];
    return unknownFields(v, child, `${at}/${k}`);
  });
}

/** Problems of `value` against a named Argo schema: ajv errors plus undeclared fields; [] when valid. */
export function argoViolations(schema: string, value: unknown): string[] {
  const validate = ajv.getSchema(`argo#/components/schemas/${schema}`);
  if (validate === undefined) throw new Error(`no schema ${schema} in argo-oas3.json`);
  const errors = validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  return [
    ...errors,
    ...unknownFields(value, { $ref: `#/components/schemas/${schema}` }).map((p) => `${p} is not declared`),
  ];
}
