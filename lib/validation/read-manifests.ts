import { isAscii } from 'buffer';
import * as fs from 'fs';
import { boolCoreTag, defineMappingTag, defineScalarTag, loadAll, NOT_RESOLVED, nullCoreTag, Schema, seqTag, strTag } from 'js-yaml';
import { isMap, isScalar, parseAllDocuments, Scalar, visit } from 'yaml';

/**
 * The objects of a YAML file as `kubectl apply` reads them: every document that is not empty.
 *
 * Kubernetes reads YAML with go-yaml, which differs from YAML 1.2 (the `yaml` package) in one way that matters for
 * manifests: in a flow sequence, a plain scalar may end in `:`, so `[1.2.3.4, 001:db8::]` holds two strings, where
 * YAML 1.2 reads the second as the one-pair map `{"001:db8:": null}`. Such pairs are read back as the string go-yaml
 * sees, so that an IPv6 address in flow style (as in Istio's own ServiceEntry fixtures) is an address here as well.
 */
export function readManifests(file: string): Record<string, any>[] {
  return parseManifests(readText(file));
}

/** readManifests of YAML text. */
export function parseManifests(text: string): Record<string, any>[] {
  return parseDocuments(text);
}

/** The documents of a YAML file, those of an apiVersion `wanted` refuses left unparsed: parsing is the slow part. */
export interface SelectedManifests {
  /** The objects parsed: those `wanted` accepts, and those whose apiVersion a glance cannot tell. */
  readonly objects: Record<string, any>[];
  /** `metadata.name` of each object left unparsed, where a glance tells it. */
  readonly otherNames: string[];
}

/** readManifests of the documents whose `apiVersion` `wanted` accepts (or that a glance cannot tell). */
export function readManifestsOf(file: string, wanted: (apiVersion: string) => boolean): SelectedManifests {
  const objects: Record<string, any>[] = [];
  const otherNames = forEachManifestOf(file, wanted, (read) => {
    for (const object of read) objects.push(object);
  });
  return { objects, otherNames: otherNames() };
}

/** How many documents the fast reader reads in one call: enough to spread its set cost, few enough to die young. */
const DOCUMENTS_PER_READ = 64;

/**
 * readManifestsOf a few objects at a time, in order, handed to `each` as they are read: a caller that keeps none of
 * them spares the garbage collector the whole file's objects. Returns what gives `metadata.name` of each object left
 * unparsed, where a glance tells it: the glance is only taken for a caller that asks.
 */
export function forEachManifestOf(file: string, wanted: (apiVersion: string) => boolean, each: (objects: Record<string, any>[]) => void): () => string[] {
  const text = readText(file);
  // At column 0, `---` always starts a document; directives (`%YAML`) would belong to the next one: keep them whole.
  // (Looking for a `%` first takes a fraction of the time the expression takes on large files.)
  if (text.includes('%') && /^%/m.test(text)) {
    each(readYamlCarefully(text));
    return () => [];
  }
  const others: string[] = [];
  // Documents the fast reader may take are read together, a call of it per run of them: a call has a set cost.
  let fastRun: string[] = [];
  const readFastRun = () => {
    if (fastRun.length > 0) each(readDocumentsFast(fastRun));
    fastRun = [];
  };
  for (const doc of documentsOf(text)) {
    const apiVersion = /^apiVersion:[ \t]*["']?([^\s"'#]+)/m.exec(doc)?.[1];
    if (apiVersion !== undefined && !wanted(apiVersion)) {
      others.push(doc);
    } else if (mayNeedCarefulReader(doc)) {
      readFastRun();
      each(readYamlCarefully(doc));
    } else {
      fastRun.push(doc);
      if (fastRun.length === DOCUMENTS_PER_READ) readFastRun();
    }
  }
  readFastRun();
  return () => others.flatMap(blockMetadataName);
}

/**
 * The documents of a YAML stream without directives, each from a `---` at the start of a line and followed by a space,
 * a tab or the line's end, up to the next: what `text.split(/^(?=---(?:[ \t]|$))/m)` gives, in a fraction of its time.
 */
function documentsOf(text: string): string[] {
  const documents: string[] = [];
  let start = 0;
  for (let at = text.indexOf('---', 1); at !== -1; at = text.indexOf('---', at + 3)) {
    const next = text[at + 3];
    if (isLineBreak(text[at - 1]) && (next === undefined || next === ' ' || next === '\t' || isLineBreak(next))) {
      documents.push(text.slice(start, at));
      start = at;
    }
  }
  documents.push(text.slice(start));
  return documents;
}

/** Line terminators as JavaScript's `^` and `$` take them. */
const isLineBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/**
 * The objects of whole documents the fast reader may take, in order: read together when it takes them all, else one
 * by one, so that a document it cannot take leaves the others to it.
 */
function readDocumentsFast(docs: readonly string[]): Record<string, any>[] {
  return readYamlFast(docs.join('')) ?? docs.flatMap(parseDocuments);
}

/** The text of a UTF-8 file; one of ASCII only (as cdk8s writes them) is copied as is, which is faster than decoding. */
function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** `metadata.name` of a document in block style (as cdk8s and kubectl write them), if a glance finds it. */
function blockMetadataName(doc: string): string[] {
  const block = /^metadata:[ \t]*\n((?:[ \t]+.*(?:\n|$))+)/m.exec(doc)?.[1];
  const indent = block === undefined ? undefined : /^[ \t]+/.exec(block)?.[0];
  if (block === undefined || indent === undefined) return [];
  const name = new RegExp(`^${indent}name:[ \\t]*["']?([^"'\\n#]*?)["']?[ \\t]*$`, 'm').exec(block)?.[1];
  return name === undefined ? [] : [name];
}

/**
 * The fast reader (js-yaml, several times faster than the `yaml` package) where it reads what the careful one does:
 * no directive, no `:` right before `,` or `]` (where go-yaml and YAML 1.2 may differ), and js-yaml reads the text
 * without error under the `yaml` package's schema; anything else, errors included, is read carefully, as before.
 */
function parseDocuments(text: string): Record<string, any>[] {
  const fast = mayNeedCarefulReader(text) ? undefined : readYamlFast(text);
  return fast ?? readYamlCarefully(text);
}

/** True where go-yaml and YAML 1.2 may read `text` apart, or js-yaml and the `yaml` package: a directive, `:,` or `:]`. */
function mayNeedCarefulReader(text: string): boolean {
  return /^%|:[,\]]/m.test(text);
}

/**
 * YAML 1.2's core schema exactly as the `yaml` package resolves it (yaml/dist/schema/core), for js-yaml, whose own core
 * schema differs at the edges (numbers too large for a double stay strings there, Infinity here). Explicit tags of
 * these types (`!!int "1"`) are left to the careful reader.
 */
const INT_FORMS: readonly (readonly [RegExp, (s: string) => number])[] = [
  [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
];
const FLOAT_FORMS: readonly (readonly [RegExp, (s: string) => number])[] = [
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
];
const numberTag = (tag: string, forms: typeof INT_FORMS, firstChars: string[]) => defineScalarTag(`tag:yaml.org,2002:${tag}`, {
  implicit: true,
  implicitFirstChars: firstChars,
  resolve: (source, isExplicit) => {
    const form = isExplicit ? undefined : forms.find(([test]) => test.test(source));
    return form === undefined ? NOT_RESOLVED : form[1](source);
  },
  identify: () => false,
});
const DIGITS = [...'0123456789'];
/** Keys as the `yaml` package's toJS writes them: a null key is `""`, other scalars their String; no complex keys. */
const keyOf = (key: unknown) => (key === null ? '' : String(key));
const objectMapTag = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  addPair: (map, key, value) => {
    if (typeof key === 'object' && key !== null) return 'complex keys are left to the careful reader';
    const name = keyOf(key);
    if (name === '__proto__') Object.defineProperty(map, name, { value, enumerable: true, configurable: true, writable: true });
    else map[name] = value;
    return '';
  },
  has: (map, key) => Object.prototype.hasOwnProperty.call(map, keyOf(key)),
  keys: (map) => Object.keys(map),
  get: (map, key) => map[keyOf(key)],
  identify: () => false,
});
const YAML_PACKAGE_CORE_SCHEMA = new Schema([
  strTag, seqTag, objectMapTag, nullCoreTag, boolCoreTag,
  numberTag('int', INT_FORMS, ['-', '+', ...DIGITS]),
  numberTag('float', FLOAT_FORMS, ['-', '+', '.', ...DIGITS]),
]);

/**
 * The documents of `text` read by js-yaml; undefined where it reports an error (a duplicate key, an unknown tag, ...)
 * or meets an alias, whose expansion the `yaml` package limits and js-yaml does not.
 */
export function readYamlFast(text: string): Record<string, any>[] | undefined {
  try {
    return loadAll(text, { schema: YAML_PACKAGE_CORE_SCHEMA, maxAliases: 0 }).filter((o) => o !== null && o !== undefined) as Record<string, any>[];
  } catch {
    return undefined;
  }
}

/** The documents of `text` read by the `yaml` package, with go-yaml's reading of flow-sequence items ending in `:`. */
export function readYamlCarefully(text: string): Record<string, any>[] {
  // Only a `:` right before `,` or `]` can start such a pair; most files (cdk8s writes block style) have none.
  const mayDiffer = /:[,\]]/.test(text);
  return parseAllDocuments(text)
    .map((doc) => {
      if (mayDiffer) {
        visit(doc, {
          Seq(_, seq) {
            if (seq.flow) seq.items = seq.items.map((item) => goYamlScalarOf(item, text) ?? item);
          },
        });
      }
      return doc.toJS();
    })
    .filter((o) => o !== null && o !== undefined);
}

/**
 * The string go-yaml reads for a flow-sequence item that YAML 1.2 reads as an implicit one-pair map with no value
 * and a `,` or `]` right after its `:` (`001:db8::`, `a:`); undefined for any other item.
 */
function goYamlScalarOf(item: unknown, text: string): Scalar | undefined {
  if (!isMap(item) || !item.flow || item.items.length !== 1) return undefined;
  const { key, value } = item.items[0];
  if (!isScalar(key) || key.type !== 'PLAIN' || !key.range || !key.source) return undefined;
  // An explicit `{...}` map starts before its key; an implicit pair starts at its key.
  if (item.range && item.range[0] !== key.range[0]) return undefined;
  const colon = key.range[1];
  const noValue = value === null || (isScalar(value) && value.value === null && value.source === '');
  return noValue && text[colon] === ':' && [',', ']'].includes(text[colon + 1]) ? new Scalar(`${key.source}:`) : undefined;
}
