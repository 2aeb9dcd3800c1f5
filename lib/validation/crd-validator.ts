import { CelResult, CelScalar, celEnv, celError, celFunc, celList, celMap, celMethod, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import * as fs from 'fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { CEL_RULE, Finding, formatFinding, SCHEMA_RULE } from './finding';
import { isIPAddress } from './istiod-formats';
import { parseManifests } from './read-manifests';
import { CompiledSchemaCache } from './schema-cache';

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
/** Kubernetes' CEL IP library, as far as Gateway API's CRDs use it: Go's netip.ParseAddr, which takes no zone. */
const IP_FUNCTIONS = [
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (value) => !value.includes('%') && isIPAddress(value)),
];
const CEL_ENV = celEnv({ funcs: [...strings, ...URL_FUNCTIONS, ...IP_FUNCTIONS] });

// Istio's and Gateway API's CRDs hold a few hundred distinct rules, evaluated for every object: each is parsed and
// planned once.
const celPrograms = new Map<string, (bindings: { self: unknown }) => CelResult>();

/** Evaluates a CEL rule on `self`; a CelError when it cannot be evaluated. */
function evaluateCel(rule: string, self: unknown): CelResult {
  let program = celPrograms.get(rule);
  if (program === undefined) {
    try {
      program = plan(CEL_ENV, parse(rule)) as (bindings: { self: unknown }) => CelResult;
    } catch (e) {
      program = () => celError(e);
    }
    celPrograms.set(rule, program);
  }
  try {
    return program({ self });
  } catch (e) {
    return celError(e);
  }
}

interface CompiledVersion {
  readonly schema: Schema;
  readonly validate: ValidateFunction;
  /** Whether the schema gives any field a default, which the API server applies before it validates. */
  readonly defaults: boolean;
}

/** Options of CrdValidator.fromFile and CrdValidator.fromFiles. */
export interface CrdValidatorOptions {
  /**
   * Folder where the kinds of the CRD files and their compiled schemas are kept between runs (compiling Istio's takes
   * a few hundred milliseconds), or `false` to compile them on every run.
   * @default - node_modules/.cache/meshlight of the working directory, when it has node_modules; else `false`
   */
  readonly cacheDir?: string | false;
}

/**
 * Validates objects the way the Kubernetes API server does for custom resources: the CRD's openAPIV3Schema (types,
 * enums, required fields, unknown fields, duplicate keys of `x-kubernetes-list-type` lists, after the schema's
 * defaults are applied) and its CEL rules (`x-kubernetes-validations`), for the versions the CRD serves.
 */
export class CrdValidator {
  /**
   * Loads every CRD from a YAML file such as Istio's crd-all.gen.yaml, read as kubectl reads it. The file is only
   * parsed for what the cache (CrdValidatorOptions.cacheDir) does not hold.
   */
  public static fromFile(file: string, options: CrdValidatorOptions = {}): CrdValidator {
    return CrdValidator.fromFiles([file], options);
  }

  /**
   * fromFile for several CRD files, such as Istio's crd-all.gen.yaml and Gateway API's standard-install.yaml. A kind
   * that several files define is checked against the last one's, as `kubectl apply` of the files in order leaves it.
   * A file is only parsed when an object of a kind it defines comes and the cache does not hold that kind.
   */
  public static fromFiles(files: readonly string[], options: CrdValidatorOptions = {}): CrdValidator {
    const crds = files.map((file) => fs.readFileSync(file));
    return new CrdValidator((file) => parseManifests(crds[file].toString('utf8')), crds.length, CompiledSchemaCache.of(crds, compilerIdentity, options.cacheDir));
  }

  // Each version's schema, compiled when an object of it first comes (an app uses a few of Istio's ~40 versions).
  private readonly compiled = new Map<string, CompiledVersion>();
  /** The index of the file each `apiVersion|kind` is read from. */
  private readonly kinds: ReadonlyMap<string, number>;
  private readonly groups: ReadonlySet<string>;
  private readonly schemas = new Map<number, Map<string, Schema>>();
  private ajv: Ajv | undefined;

  private constructor(private readonly readCrds: (file: number) => readonly Schema[], files: number, private readonly cache: CompiledSchemaCache | undefined) {
    const cachedKinds = cache?.kinds();
    if (cachedKinds !== undefined) {
      this.kinds = new Map(Object.entries(cachedKinds));
    } else {
      const kinds = new Map<string, number>();
      for (let file = 0; file < files; file++) {
        for (const key of this.schemasOfFile(file).keys()) kinds.set(key, file);
      }
      this.kinds = kinds;
      cache?.saveKinds(Object.fromEntries(kinds));
    }
    this.groups = new Set([...this.kinds.keys()].map((key) => groupOf(key.slice(0, key.indexOf('|')))));
  }

  /** True when a file defines `apiVersion` and `kind`, and serves that version. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.kinds.has(`${apiVersion}|${kind}`);
  }

  /** True when a file defines a kind of the API group of `apiVersion` (e.g. `gateway.networking.k8s.io/v1`). */
  public knowsGroupOf(apiVersion: string): boolean {
    return this.groups.has(groupOf(apiVersion));
  }

  /** Every served version's openAPIV3Schema in a file by `apiVersion|kind`, read the first time it is asked for. */
  private schemasOfFile(file: number): Map<string, Schema> {
    let schemas = this.schemas.get(file);
    if (schemas === undefined) {
      schemas = new Map();
      for (const crd of this.readCrds(file)) {
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions) {
          const schema = version.schema?.openAPIV3Schema;
          // The API server takes no object of a version it does not serve (Gateway API keeps some for conversion).
          if (schema !== undefined && version.served !== false) schemas.set(`${crd.spec.group}/${version.name}|${crd.spec.names.kind}`, schema);
        }
      }
      this.schemas.set(file, schemas);
    }
    return schemas;
  }

  private versionOf(apiVersion: string, kind: string): CompiledVersion | undefined {
    const key = `${apiVersion}|${kind}`;
    let compiled = this.compiled.get(key);
    if (compiled === undefined && this.kinds.has(key)) {
      compiled = this.loadCompiled(key) ?? this.compile(key);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  /** The version as compiled by an earlier run, if the cache holds it and it loads. */
  private loadCompiled(key: string): CompiledVersion | undefined {
    const cached = this.cache?.schemaOf(key);
    if (cached === undefined) return undefined;
    try {
      return { schema: cached.schema, validate: loadValidator(cached.validatorCode), defaults: cached.defaults };
    } catch {
      return undefined;
    }
  }

  private compile(key: string): CompiledVersion {
    const schema = this.schemasOfFile(this.kinds.get(key)!).get(key)!;
    const ajv = this.ajv ??= newAjv();
    const validate = ajv.compile(toJsonSchema(schema) as Schema);
    const defaults = hasDefaults(schema);
    if (this.cache !== undefined) {
      let validatorCode: string | undefined;
      try {
        validatorCode = standaloneCode(ajv, validate);
      } catch {
        // A schema ajv cannot write out is compiled again next time.
      }
      if (validatorCode !== undefined) this.cache.saveSchema(key, { schema, validatorCode, defaults });
    }
    return { schema, validate, defaults };
  }

  /** Every reason the API server would reject `object`; empty when it would accept it. */
  public findings(object: Schema): Finding[] {
    const compiled = this.versionOf(object.apiVersion, object.kind);
    if (compiled === undefined) {
      return [{ rule: SCHEMA_RULE, field: '/', problem: `no CRD defines ${object.apiVersion} ${object.kind}`, fix: 'write an apiVersion and kind the CRDs define' }];
    }
    // The API server validates the object as it would store it, defaults applied (Gateway API's CEL rules read them).
    const stored = compiled.defaults ? withDefaults(compiled.schema, structuredClone(object)) : object;
    const findings: Finding[] = [];
    if (!compiled.validate(stored)) {
      for (const e of compiled.validate.errors ?? []) {
        findings.push({ rule: SCHEMA_RULE, field: e.instancePath || '/', problem: e.message ?? 'is invalid', fix: SCHEMA_FIX });
      }
    }
    walk(compiled.schema, stored, '', findings, new Map());
    return findings;
  }

  /** The findings as lines, e.g. `cel: /spec/http/0/timeout must be a valid duration greater than 1ms`. */
  public validate(object: Schema): string[] {
    return this.findings(object).map(formatFinding);
  }
}

// Without ajv's optimising passes, Istio's large schemas compile in half the time and validate about as fast. The
// source is kept for the cache (ajv's standalone code).
const AJV_OPTIONS = { strict: false, allErrors: true, code: { optimize: false, source: true } } as const;
/** Formats of Kubernetes' OpenAPI that the API server does not check. */
const UNCHECKED_FORMATS = ['int32', 'int64', 'uint32', 'double', 'float', 'byte'];

function newAjv(): Ajv {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv);
  for (const format of UNCHECKED_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/**
 * What a compiled schema depends on besides the CRD file and the packages' versions: the code of this module (how
 * schemas are translated and compiled) and of the YAML reader, so that a change to either never meets schemas kept
 * from before it. Throws where the code cannot be read (then nothing is kept).
 */
function compilerIdentity(): string {
  const sources = [__filename, require.resolve('./read-manifests')].map((file) => fs.readFileSync(file, 'utf8'));
  return JSON.stringify([AJV_OPTIONS, UNCHECKED_FORMATS, ...sources]);
}

/** The validator of ajv's standalone code, whose `require`s of ajv's runtime and formats resolve from meshlight. */
function loadValidator(code: string): ValidateFunction {
  const module = { exports: {} as { default?: ValidateFunction } };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  const validate = module.exports.default ?? (module.exports as unknown as ValidateFunction);
  if (typeof validate !== 'function') throw new Error('the cached validator exports no function');
  return validate;
}

const SCHEMA_FIX = "write the field as the kind's API reference (Istio's or Gateway API's) describes it (type, allowed values, required fields)";

/** The API group of an apiVersion: `gateway.networking.k8s.io` of `gateway.networking.k8s.io/v1`, `` of `v1`. */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True when some field of `schema` has a default (Gateway API's CRDs have many; Istio's none). */
function hasDefaults(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  if (!Array.isArray(schema) && 'default' in schema) return true;
  return Object.values(schema).some(hasDefaults);
}

/**
 * `value` with the defaults of `schema` applied in place, as the API server applies them (apiextensions-apiserver's
 * structural defaulting): a missing field, or a null one that may not be null, takes its default, and the fields
 * below it theirs.
 */
function withDefaults(schema: Schema | undefined, value: unknown): unknown {
  if (schema === undefined || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (const item of value) withDefaults(schema.items, item);
    return value;
  }
  const object = value as Schema;
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    if (property.default !== undefined && (!(key in object) || (object[key] === null && property.nullable !== true))) {
      object[key] = structuredClone(property.default);
    }
  }
  for (const [key, child] of Object.entries(object)) {
    const property = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    withDefaults(property, child);
  }
  return object;
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

const NO_RULES: readonly Schema[] = [];

/**
 * Checks what ajv cannot: fields the API server would drop as unknown, and the CEL rules at every level. `celValues`
 * holds the CEL value of each part of the object already converted, for the rules of the parts below.
 */
function walk(schema: Schema, value: unknown, path: string, findings: Finding[], celValues: Map<object, unknown>): void {
  for (const rule of schema['x-kubernetes-validations'] ?? NO_RULES) {
    if (String(rule.rule).includes('oldSelf')) continue; // transition rules need a previous object
    const result = evaluateCel(String(rule.rule), toCel(value, celValues));
    // A rule that reads a field the object lacks fails in the API server too ("no such key"), which rejects the object.
    const unset = isCelError(result) ? /^field not found: (.+)$/.exec(result.message)?.[1] : undefined;
    if (unset !== undefined) {
      findings.push({ rule: CEL_RULE, field: path || '/', problem: `${rule.message ?? rule.rule} (the rule reads ${unset}, which is not set: no such key)`, fix: `set ${unset}, as the CRD's rule ${JSON.stringify(rule.rule)} reads it` });
    } else if (isCelError(result)) {
      findings.push({ rule: CEL_RULE, field: path || '/', problem: `rule ${JSON.stringify(rule.rule)} could not be evaluated: ${result.message}`, fix: 'report this to meshlight: its CEL evaluation failed where the API server\'s would not' });
    } else if (result !== true) {
      findings.push({ rule: CEL_RULE, field: path || '/', problem: rule.message ?? rule.rule, fix: `make the field satisfy the CRD's rule ${JSON.stringify(rule.rule)}` });
    }
  }
  if (Array.isArray(value)) {
    if (schema['x-kubernetes-list-type'] === 'map' || schema['x-kubernetes-list-type'] === 'set') findDuplicates(schema, value, path, findings);
    if (schema.items) for (let i = 0; i < value.length; i++) walk(schema.items, value[i], `${path}/${i}`, findings, celValues);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (path === '/metadata') return;
  for (const key of Object.keys(value)) {
    const child = (value as Schema)[key];
    const property = schema.properties?.[key];
    if (property !== undefined) {
      walk(property, child, `${path}/${key}`, findings, celValues);
    } else if (typeof schema.additionalProperties === 'object') {
      walk(schema.additionalProperties, child, `${path}/${key}`, findings, celValues);
    } else if (!schema['x-kubernetes-preserve-unknown-fields'] && !(path === '' && ['apiVersion', 'kind', 'metadata'].includes(key))) {
      findings.push({ rule: SCHEMA_RULE, field: `${path}/${key}`, problem: 'is not a field of this object (the API server would drop it)', fix: 'remove the field, or move it to where the API reference puts it' });
    }
  }
}

/**
 * The API server's check of `x-kubernetes-list-type` lists: no two items of a `set` alike, no two of a `map` with the
 * same `x-kubernetes-list-map-keys` (e.g. two Gateway listeners named alike).
 */
function findDuplicates(schema: Schema, list: readonly unknown[], path: string, findings: Finding[]): void {
  const keys: readonly string[] | undefined = schema['x-kubernetes-list-type'] === 'map' ? schema['x-kubernetes-list-map-keys'] ?? [] : undefined;
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const identity = JSON.stringify(keys === undefined ? item : keys.map((key) => (item as Schema | null)?.[key]));
    const first = seen.get(identity);
    if (first === undefined) {
      seen.set(identity, i);
    } else {
      const what = keys === undefined ? 'the same value' : `the same ${keys.join(' and ')}`;
      findings.push({ rule: SCHEMA_RULE, field: `${path}/${i}`, problem: `has ${what} as item ${first} (Duplicate value)`, fix: `give each item of the list ${keys === undefined ? 'a value of its own' : `its own ${keys.join(' and ')}`}` });
    }
  });
}

/**
 * Converts JSON to CEL values: whole numbers are CEL ints, objects are maps; each array and object once (`converted`),
 * as CEL's own list and map, which CEL would otherwise wrap anew each time a rule reads them.
 */
function toCel(value: unknown, converted: Map<object, unknown>): any {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  let cel = converted.get(value);
  if (cel === undefined) {
    cel = Array.isArray(value)
      ? celList(value.map((item) => toCel(item, converted)))
      : celMap(new Map(Object.entries(value).map(([k, v]) => [k, toCel(v, converted)])));
    converted.set(value, cel);
  }
  return cel;
}
