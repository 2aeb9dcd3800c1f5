import { CelResult, CelScalar, celEnv, celError, celFunc, celList, celMap, celMethod, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import * as fs from 'fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { CEL_RULE, Finding, formatFinding, SCHEMA_RULE } from './finding';
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
const CEL_ENV = celEnv({ funcs: [...strings, ...URL_FUNCTIONS] });

// Istio's CRDs hold a few hundred distinct rules, evaluated for every object: each is parsed and planned once.
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
}

/** Options of CrdValidator.fromFile. */
export interface CrdValidatorOptions {
  /**
   * Folder where the kinds of the CRD file and their compiled schemas are kept between runs (compiling Istio's takes
   * a few hundred milliseconds), or `false` to compile them on every run.
   * @default - node_modules/.cache/meshlight of the working directory, when it has node_modules; else `false`
   */
  readonly cacheDir?: string | false;
}

/**
 * Validates objects the way the Kubernetes API server does for custom resources: the CRD's openAPIV3Schema (types,
 * enums, required fields, unknown fields) and its CEL rules (`x-kubernetes-validations`).
 */
export class CrdValidator {
  /**
   * Loads every CRD from a YAML file such as Istio's crd-all.gen.yaml, read as kubectl reads it. The file is only
   * parsed for what the cache (CrdValidatorOptions.cacheDir) does not hold.
   */
  public static fromFile(file: string, options: CrdValidatorOptions = {}): CrdValidator {
    const crd = fs.readFileSync(file);
    return new CrdValidator(() => parseManifests(crd.toString('utf8')), CompiledSchemaCache.of(crd, compilerIdentity, options.cacheDir));
  }

  // Each version's schema, compiled when an object of it first comes (an app uses a few of Istio's ~40 versions).
  private readonly compiled = new Map<string, CompiledVersion>();
  private readonly kinds: ReadonlySet<string>;
  private schemas: Map<string, Schema> | undefined;
  private ajv: Ajv | undefined;

  private constructor(private readonly readCrds: () => readonly Schema[], private readonly cache: CompiledSchemaCache | undefined) {
    const cachedKinds = cache?.kinds();
    if (cachedKinds !== undefined) {
      this.kinds = new Set(cachedKinds);
    } else {
      this.kinds = new Set(this.schemasOfFile().keys());
      cache?.saveKinds([...this.kinds]);
    }
  }

  /** True when the file defines `apiVersion` and `kind`. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.kinds.has(`${apiVersion}|${kind}`);
  }

  /** Every version's openAPIV3Schema by `apiVersion|kind`, read from the file the first time it is asked for. */
  private schemasOfFile(): Map<string, Schema> {
    if (this.schemas === undefined) {
      this.schemas = new Map();
      for (const crd of this.readCrds()) {
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions) {
          const schema = version.schema?.openAPIV3Schema;
          if (schema !== undefined) this.schemas.set(`${crd.spec.group}/${version.name}|${crd.spec.names.kind}`, schema);
        }
      }
    }
    return this.schemas;
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
      return { schema: cached.schema, validate: loadValidator(cached.validatorCode) };
    } catch {
      return undefined;
    }
  }

  private compile(key: string): CompiledVersion {
    const schema = this.schemasOfFile().get(key)!;
    const ajv = this.ajv ??= newAjv();
    const validate = ajv.compile(toJsonSchema(schema) as Schema);
    if (this.cache !== undefined) {
      let validatorCode: string | undefined;
      try {
        validatorCode = standaloneCode(ajv, validate);
      } catch {
        // A schema ajv cannot write out is compiled again next time.
      }
      if (validatorCode !== undefined) this.cache.saveSchema(key, { schema, validatorCode });
    }
    return { schema, validate };
  }

  /** Every reason the API server would reject `object`; empty when it would accept it. */
  public findings(object: Schema): Finding[] {
    const compiled = this.versionOf(object.apiVersion, object.kind);
    if (compiled === undefined) {
      return [{ rule: SCHEMA_RULE, field: '/', problem: `no CRD defines ${object.apiVersion} ${object.kind}`, fix: 'write an apiVersion and kind the CRDs define' }];
    }
    const findings: Finding[] = [];
    if (!compiled.validate(object)) {
      for (const e of compiled.validate.errors ?? []) {
        findings.push({ rule: SCHEMA_RULE, field: e.instancePath || '/', problem: e.message ?? 'is invalid', fix: SCHEMA_FIX });
      }
    }
    walk(compiled.schema, object, '', findings, new Map());
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

const SCHEMA_FIX = "write the field as Istio's API reference describes it (type, allowed values, required fields)";

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
    if (isCelError(result)) {
      findings.push({ rule: CEL_RULE, field: path || '/', problem: `rule ${JSON.stringify(rule.rule)} could not be evaluated: ${result.message}`, fix: 'report this to meshlight: its CEL evaluation failed where the API server\'s would not' });
    } else if (result !== true) {
      findings.push({ rule: CEL_RULE, field: path || '/', problem: rule.message ?? rule.rule, fix: `make the field satisfy Istio's rule ${JSON.stringify(rule.rule)}` });
    }
  }
  if (Array.isArray(value)) {
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
