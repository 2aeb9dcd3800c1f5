import * as fs from 'fs';
import { CelScalar, celFunc, celMethod, isCelError, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

type Schema = Record<string, any>;

/** Kubernetes' CEL URL library, as far as Istio's CRDs use it: `url(s)` stands for the URL, its getters parse it. */
function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
const URL_FUNCTIONS = [
  celFunc('url', [CelScalar.STRING], CelScalar.STRING, (value) => value),
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (value) => parsedUrl(value) !== undefined),
  celMethod('getScheme', CelScalar.STRING, [], CelScalar.STRING, function () {
    return parsedUrl(this)?.protocol.replace(/:$/, '') ?? '';
  }),
  celMethod('getHostname', CelScalar.STRING, [], CelScalar.STRING, function () {
    return parsedUrl(this)?.hostname ?? '';
  }),
];
const CEL_FUNCTIONS = [...strings, ...URL_FUNCTIONS];

interface CompiledVersion {
  readonly schema: Schema;
  readonly validate: ValidateFunction;
}

/**
 * Validates objects the way the Kubernetes API server does for custom resources: the CRD's openAPIV3Schema (types,
 * enums, required fields, unknown fields) and its CEL rules (`x-kubernetes-validations`).
 */
export class CrdValidator {
  /** Loads every CRD from a YAML file such as Istio's crd-all.gen.yaml. */
  public static fromFile(file: string): CrdValidator {
    return new CrdValidator(parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()));
  }

  private readonly versions = new Map<string, CompiledVersion>();

  private constructor(crds: readonly Schema[]) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const format of ['int32', 'int64', 'uint32', 'double', 'float', 'byte']) {
      ajv.addFormat(format, true);
    }
    for (const crd of crds) {
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema === undefined) continue;
        const key = `${crd.spec.group}/${version.name}|${crd.spec.names.kind}`;
        this.versions.set(key, { schema, validate: ajv.compile(toJsonSchema(schema) as Schema) });
      }
    }
  }

  /** True when the file defines `apiVersion` and `kind`. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.versions.has(`${apiVersion}|${kind}`);
  }

  /** Every reason the API server would reject `object`; empty when it would accept it. */
  public validate(object: Schema): string[] {
    const compiled = this.versions.get(`${object.apiVersion}|${object.kind}`);
    if (compiled === undefined) {
      return [`no CRD defines ${object.apiVersion} ${object.kind}`];
    }
    const errors: string[] = [];
    if (!compiled.validate(object)) {
      for (const e of compiled.validate.errors ?? []) {
        errors.push(`schema: ${e.instancePath || '/'} ${e.message}`);
      }
    }
    walk(compiled.schema, object, '', errors);
    return errors;
  }
}

/** OpenAPI v3's `nullable` is the only keyword ajv needs translated; the `x-kubernetes-*` ones it ignores. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'properties' || key === 'patternProperties'
      ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]))
      : toJsonSchema(value);
  }
  if (out.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  return out;
}

/** Checks what ajv cannot: fields the API server would drop as unknown, and the CEL rules at every level. */
function walk(schema: Schema, value: unknown, path: string, errors: string[]): void {
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    if (String(rule.rule).includes('oldSelf')) continue; // transition rules need a previous object
    const result = run(rule.rule, { self: toCel(value) }, { funcs: CEL_FUNCTIONS });
    if (isCelError(result)) {
      errors.push(`cel: ${path || '/'} rule ${JSON.stringify(rule.rule)} could not be evaluated: ${result.message}`);
    } else if (result !== true) {
      errors.push(`cel: ${path || '/'} ${rule.message ?? rule.rule}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => walk(schema.items, item, `${path}/${i}`, errors));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (path === '/metadata') return;
  for (const [key, child] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property !== undefined) {
      walk(property, child, `${path}/${key}`, errors);
    } else if (typeof schema.additionalProperties === 'object') {
      walk(schema.additionalProperties, child, `${path}/${key}`, errors);
    } else if (!schema['x-kubernetes-preserve-unknown-fields'] && !(path === '' && ['apiVersion', 'kind', 'metadata'].includes(key))) {
      errors.push(`schema: ${path}/${key} is not a field of this object (the API server would drop it)`);
    }
  }
}

/** Converts JSON to CEL input: whole numbers are CEL ints, objects are maps. */
function toCel(value: unknown): any {
  if (Array.isArray(value)) return value.map(toCel);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'object' && value !== null) {
    return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  }
  return value;
}
