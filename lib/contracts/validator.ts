// Validation against the bundled JSON Schemas: one Ajv2020 instance holding every schema, each validator
// compiled on first use and cached, and ajv's errors turned into ContractViolations whose messages name
// the rule (the pointer names the field), e.g. "/payload/package_version must be string".
// Compiling a large schema (the adviser document) takes a few hundred milliseconds, a third of a warm
// `thoth advise`; the bundle therefore ships the same validators precompiled (precompiled.ts), used
// when they were generated from exactly these schemas.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AnySchemaObject, Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type * as AjvFormatsModule from 'ajv-formats';
import { assetPath } from '../assets/index.js';
import { ContractError } from '../errors/index.js';
import type { ContractViolation, ErrorContext } from '../errors/index.js';
import { SCHEMA_BASE_URI, SCHEMA_SOURCES } from './schemas.gen.js';
import type { ContractTypes } from './types.gen.js';

/** A schema's path under schemas/ without '.json', e.g. 'messages/solved-package.v1'. */
export type SchemaKey = keyof ContractTypes;

export interface ValidateOptions {
  /** Name of the contract in error messages; defaults to the schema's title. */
  contract?: string;
  /** Prepended to every violation's pointer, e.g. '/payload' when validating a message's payload. */
  pointerPrefix?: string;
  /** Context attached to the ContractError (message id, document id…). */
  context?: ErrorContext;
}

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** Fingerprint of the bundled schemas; precompiled validators are used only when theirs matches. */
export function schemasFingerprint(): string {
  return createHash('sha256').update(JSON.stringify(SCHEMA_SOURCES)).digest('hex').slice(0, 16);
}

/** Where scripts/bundle.mjs writes the precompiled validators (CommonJS, ajv's standalone code). */
export const PRECOMPILED_VALIDATORS = ['dist', 'bundle', 'validators.cjs'] as const;

let precompiled: Record<string, ValidateFunction> | null | undefined;

function precompiledValidators(): Record<string, ValidateFunction> | null {
  if (precompiled !== undefined) return precompiled;
  precompiled = null;
  const file = assetPath(...PRECOMPILED_VALIDATORS);
  if (!existsSync(file)) return precompiled;
  try {
    const module = createRequire(import.meta.url)(file) as {
      fingerprint?: string;
      validators?: Record<string, ValidateFunction>;
    };
    // Generated from other schemas (an older bundle beside newer sources): compile instead.
    if (module.fingerprint === schemasFingerprint() && module.validators !== undefined) {
      precompiled = module.validators;
    }
  } catch {
    // Unreadable: compile instead.
  }
  return precompiled;
}

// ajv and ajv-formats are CommonJS and take 100-170 ms to load. With the precompiled validators a
// command never needs them, so they are required on first compile instead of imported at the top.
const requireCjs = createRequire(import.meta.url);

/** The Ajv instance every validator is compiled with; `source` keeps the code for standalone output. */
export function createContractsAjv(options: { source?: boolean } = {}): Ajv2020 {
  const { Ajv2020: Ajv } = requireCjs('ajv/dist/2020.js') as typeof Ajv2020Module;
  const addFormatsModule = requireCjs('ajv-formats') as typeof AjvFormatsModule.default;
  const instance = new Ajv({
    allErrors: true,
    // Strict mode rejects unknown keywords and formats, so a typo in a schema fails its test instead of
    // silently validating nothing. strictRequired is off because discriminated unions list 'kind' as
    // required on the union while each branch defines it.
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    ...(options.source === true ? { code: { source: true } } : {}),
  });
  // ajv-formats is CommonJS: module.exports, whose `default` is the plugin.
  addFormatsModule.default(instance);
  for (const schema of Object.values(SCHEMA_SOURCES)) instance.addSchema(schema as AnySchemaObject);
  return instance;
}

function getAjv(): Ajv2020 {
  ajv ??= createContractsAjv();
  return ajv;
}

/** The compiled validator of one schema (compiled once, then cached). */
function getValidator(key: SchemaKey): ValidateFunction {
  let validate = validators.get(key);
  if (validate === undefined) {
    const id = `${SCHEMA_BASE_URI}${key}.json`;
    validate = precompiledValidators()?.[key] ?? getAjv().getSchema(id);
    if (validate === undefined) throw new Error(`no schema ${id} in the bundle; run \`npm run gen\``);
    validators.set(key, validate);
  }
  return validate;
}

/** The $id of a schema key. */
export function schemaId(key: SchemaKey): string {
  return `${SCHEMA_BASE_URI}${key}.json`;
}

/** The title of a schema key (its TypeScript type name). */
export function schemaTitle(key: SchemaKey): string {
  const title = SCHEMA_SOURCES[key]?.['title'];
  return typeof title === 'string' ? title : key;
}

/** The violations of `data` against a schema; empty when it is valid. */
export function checkContract(key: SchemaKey, data: unknown, pointerPrefix = ''): ContractViolation[] {
  const validate = getValidator(key);
  if (validate(data)) return [];
  return toViolations(validate.errors ?? [], pointerPrefix);
}

/** Validate `data` against a schema and return it typed; throws ContractError listing every violation. */
export function validateContract<K extends SchemaKey>(
  key: K,
  data: unknown,
  options: ValidateOptions = {},
): ContractTypes[K] {
  const violations = checkContract(key, data, options.pointerPrefix);
  if (violations.length > 0) {
    throw new ContractError(options.contract ?? schemaTitle(key), violations, {
      context: { schema: schemaId(key), ...options.context },
    });
  }
  return data as ContractTypes[K];
}

/**
 * ajv errors → violations, without the noise that wrappers add: for `anyOf: [X, {type: 'null'}]` ajv
 * reports X's errors, "must be null" and "must match a schema in anyOf"; we keep X's errors (a type error
 * then reads "must be object or null") and keep the anyOf line only when nothing more precise explains it.
 */
export function toViolations(errors: readonly ErrorObject[], pointerPrefix = ''): ContractViolation[] {
  const nullBranch = (e: ErrorObject): boolean =>
    e.keyword === 'type' && e.params['type'] === 'null' && /\/anyOf\/\d+\/type$/.test(e.schemaPath);
  const nullable = new Set(errors.filter(nullBranch).map((e) => e.instancePath));
  const kept = errors.filter((e) => !nullBranch(e));
  const explained = (e: ErrorObject): boolean =>
    kept.some(
      (other) =>
        other !== e &&
        other.keyword !== 'anyOf' &&
        (other.instancePath === e.instancePath || other.instancePath.startsWith(`${e.instancePath}/`)),
    );
  return kept
    .filter((e) => !((e.keyword === 'anyOf' || e.keyword === 'propertyNames') && explained(e)))
    .map((e) => ({
      pointer: pointerPrefix + e.instancePath,
      keyword: e.keyword,
      message: describe(e, nullable.has(e.instancePath)),
    }));
}

/** The rule an error broke, in words that name the offending value where ajv's message does not. */
function describe(error: ErrorObject, isNullable: boolean): string {
  const params = error.params as Record<string, unknown>;
  // An error about an object key (propertyNames) carries the key; name it, the pointer names the object.
  if (error.propertyName !== undefined && error.keyword !== 'propertyNames') {
    return `property name '${error.propertyName}' ${describe({ ...error, propertyName: undefined }, false)}`;
  }
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property '${String(params['additionalProperty'])}'`;
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}`;
    case 'type':
      return `must be ${[...String(params['type']).split(','), ...(isNullable ? ['null'] : [])].join(' or ')}`;
    case 'propertyNames':
      return `property name '${String(params['propertyName'])}' is invalid`;
    case 'anyOf':
      return 'must match one of the allowed forms';
    default:
      return error.message ?? error.keyword;
  }
}
