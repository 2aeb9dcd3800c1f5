// The KRM function (kpt, kustomize, Argo CD): a ResourceList in, its meshlight spec documents expanded into the
// manifests `meshlight synth` writes, problems out as results. See docs/krm.md and the KRM Functions Specification:
// https://github.com/kubernetes-sigs/kustomize/blob/master/cmd/config/docs/api-conventions/functions-spec.md
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Document, isMap, isScalar, isSeq, Node, parseAllDocuments, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { SpecFiles } from '../cdk8s/spec-files';
import { warningsOf } from '../cdk8s/warnings';
import { closestField, quote } from '../core/internal';
import { SPEC_API_VERSION, SpecError, SpecProblem, SpecSource } from '../spec';

/** What one run of the function gives: the ResourceList to write to stdout, a message for stderr, the exit code. */
export interface KrmRun {
  /** The output ResourceList as YAML; empty when the input is no ResourceList. */
  readonly output: string;
  /** Why the input was refused; empty otherwise. */
  readonly stderr: string;
  /** 0 done (results hold warnings at most), 1 when results hold an error or the input is no ResourceList. */
  readonly code: number;
}

/** The chart id, and the output file's name, when functionConfig gives none and no spec item has a path. */
export const KRM_DEFAULT_CHART = 'meshlight';

/** The options functionConfig may give, in `data` (a ConfigMap, as `kpt fn eval -- chart=NAME` writes). */
const OPTIONS = ['chart'];

/** Annotations the orchestrators keep on items for themselves (kpt, kustomize): they are no part of a spec document. */
const BOOKKEEPING_PREFIXES = ['config.kubernetes.io/', 'internal.config.kubernetes.io/', 'config.k8s.io/', 'kustomize.config.k8s.io/'];

/** One result of the ResourceList, as the KRM Functions Specification defines it. */
interface KrmResult {
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly resourceRef?: { readonly apiVersion: string; readonly kind: string; readonly name: string };
  readonly field?: { readonly path: string };
  readonly file?: { readonly path: string; readonly index: number };
}

/** A spec document of the input, and where the orchestrator read it from. */
interface SpecItem {
  readonly node: YAMLMap;
  /** The SpecSource file it is read in: its path annotation, or `items[N]` when it has none. */
  readonly file: string;
  /** The file the orchestrator read the item from, when it says. */
  readonly path?: string;
  /** Its index annotation: its place in that file (0 when it has none). */
  readonly index: number;
}

/** The parts of the input ResourceList the function reads. */
interface ResourceList {
  readonly apiVersion: string;
  readonly items: YAMLSeq<YAMLMap>;
  readonly functionConfig: unknown;
}

/** The input is no ResourceList: refused on stderr, as the specification wants unstructured errors. */
class NotAResourceList extends Error {}

/**
 * Runs the meshlight KRM function on `input`, a ResourceList in YAML or JSON. Items of apiVersion
 * `meshlight.io/v1alpha1` are spec documents: they are declared as in `meshlight synth` and replaced by the objects
 * synthesised, appended after the other items (which pass through unchanged) with the path `<chart>.k8s.yaml` and
 * their index in it; meshlight's warnings come back as warning results. On any problem, the items come back
 * unchanged with one error result per problem, and code 1.
 */
export function runKrmFunction(input: string): KrmRun {
  let list: ResourceList;
  try {
    list = resourceListOf(input);
  } catch (e) {
    if (!(e instanceof NotAResourceList)) throw e;
    return {
      output: '', code: 1,
      stderr: `meshlight krm: the input is no KRM ResourceList: ${e.message}. Fix: give a ResourceList (apiVersion: config.kubernetes.io/v1, kind: ResourceList, items: [...]) on standard input, as kpt and kustomize do\n`,
    };
  }
  const options = optionsOf(list.functionConfig);
  const specItems = list.items.items.flatMap((node, n) => (textAt(node, 'apiVersion') === SPEC_API_VERSION ? [specItemOf(node, n)] : []));
  const chart = options.chart ?? defaultChart(specItems);
  const warnings = specItems.flatMap(ignoredMetadataOf);
  if (options.problems.length > 0) return respond(list.apiVersion, list.items, [...options.problems, ...warnings]);
  if (specItems.length === 0) return respond(list.apiVersion, list.items, warnings);

  const sources = specSourcesOf(specItems);
  const synthesised = synthesise(chart, sources.map((s) => s.source));
  if (synthesised instanceof SpecError) {
    return respond(list.apiVersion, list.items, [...synthesised.problems.map((p) => errorResultOf(p, sources)), ...warnings]);
  }
  const items = new YAMLSeq<YAMLMap>();
  items.items = [...list.items.items.filter((node) => !specItems.some((s) => s.node === node)), ...generatedItems(synthesised.yaml, chart)];
  const meshWarnings = [...synthesised.warnings].flatMap(([name, messages]) => {
    const item = specItems.find((s) => textAt(s.node, 'metadata', 'name') === name);
    return messages.map((message): KrmResult => ({ message, severity: 'warning', ...(item === undefined ? {} : refOf(item.node, undefined, item)) }));
  });
  return respond(list.apiVersion, items, [...warnings, ...meshWarnings]);
}

/**
 * Reads the ResourceList with YAML's failsafe schema: every scalar stays the text it was written as, so that items pass
 * through as written and the spec reader sees `version: 1.10` as written, not the number 1.1.
 */
function resourceListOf(input: string): ResourceList {
  const doc = parseDocument(input, { schema: 'failsafe', prettyErrors: false });
  if (doc.errors.length > 0) throw new NotAResourceList(`it is not YAML or JSON (${doc.errors[0].message})`);
  const root = doc.contents;
  if (!isMap(root)) throw new NotAResourceList(`it is ${root === null ? 'empty' : 'not a mapping'}`);
  const apiVersion = textAt(root, 'apiVersion');
  if (textAt(root, 'kind') !== 'ResourceList' || apiVersion === undefined || !apiVersion.startsWith('config.kubernetes.io/')) {
    throw new NotAResourceList(`its apiVersion and kind are ${quote(apiVersion)} and ${quote(textAt(root, 'kind'))}`);
  }
  const items = root.get('items', true) ?? new YAMLSeq();
  if (!isSeq(items) || !items.items.every((item) => isMap(item))) throw new NotAResourceList('its items are not a list of objects');
  return { apiVersion, items: items as YAMLSeq<YAMLMap>, functionConfig: root.get('functionConfig', true) };
}

/** The options functionConfig gives (`data.chart`), and an error result for each it gives wrong. */
function optionsOf(functionConfig: unknown): { chart?: string; problems: KrmResult[] } {
  const data = isMap(functionConfig) ? functionConfig.get('data', true) : undefined;
  if (!isMap(data)) return { problems: [] };
  const at = (field: string, message: string): KrmResult => ({
    message, severity: 'error', ...refOf(functionConfig as YAMLMap, `data.${field}`),
  });
  const problems: KrmResult[] = [];
  for (const pair of data.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!OPTIONS.includes(key)) {
      const guess = closestField(key, OPTIONS);
      problems.push(at(key, `functionConfig: data.${key}: is not an option of meshlight krm. Fix: ${guess === undefined ? `give only ${OPTIONS.join(', ')}` : `did you mean "${guess}"?`}`));
    }
  }
  const chart = textAt(data, 'chart');
  if (chart !== undefined && !isFileName(chart)) {
    problems.push(at('chart', `functionConfig: data.chart = ${quote(chart)}: is not a file name; it names the chart and the file <chart>.k8s.yaml. Fix: give letters, digits, ".", "_" and "-", such as grayscale-demo`));
  }
  return { chart, problems };
}

/** Whether `name` can name the chart and its file: no directory, nothing a shell or kpt would read otherwise. */
function isFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name);
}

/** The chart id, as `meshlight synth` names it: the first spec file's name without its extension. */
function defaultChart(specItems: readonly SpecItem[]): string {
  const first = specItems.find((s) => s.path !== undefined)?.path;
  const name = first === undefined ? undefined : path.posix.basename(first).replace(/\.[^.]*$/, '');
  return name !== undefined && isFileName(name) ? name : KRM_DEFAULT_CHART;
}

/** The text of a scalar field of `node`, or undefined. */
function textAt(node: YAMLMap, ...keys: string[]): string | undefined {
  const value = node.getIn(keys);
  return typeof value === 'string' ? value : undefined;
}

/** An annotation of the item; the internal one first, as kpt and kustomize set both. */
function annotationOf(node: YAMLMap, name: 'path' | 'index'): string | undefined {
  return textAt(node, 'metadata', 'annotations', `internal.config.kubernetes.io/${name}`)
    ?? textAt(node, 'metadata', 'annotations', `config.kubernetes.io/${name}`);
}

function specItemOf(node: YAMLMap, n: number): SpecItem {
  const path = annotationOf(node, 'path');
  const index = Number(annotationOf(node, 'index') ?? 0);
  return { node, file: path ?? `items[${n}]`, index: Number.isInteger(index) && index >= 0 ? index : 0, path };
}

function isBookkeeping(annotation: string): boolean {
  return BOOKKEEPING_PREFIXES.some((prefix) => annotation.startsWith(prefix));
}

/**
 * The spec items as spec sources, one per file in the order the files first come, the file's items in input order
 * (kpt sends a file's items together, in order), so that a problem's file and document index name its item. Each
 * item's metadata is reduced to its name: the reader refuses any other field.
 */
function specSourcesOf(specItems: readonly SpecItem[]): { source: SpecSource; items: SpecItem[] }[] {
  const byFile = new Map<string, SpecItem[]>();
  specItems.forEach((item) => byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]));
  return [...byFile].map(([file, items]) => ({ source: { file, text: items.map(specTextOf).join('---\n') }, items }));
}

function specTextOf(item: SpecItem): string {
  const document = item.node.clone() as YAMLMap;
  const metadata = document.get('metadata', true);
  if (isMap(metadata)) metadata.items = metadata.items.filter((pair) => isScalar(pair.key) && pair.key.value === 'name');
  return new Document(document, { schema: 'failsafe' }).toString({ lineWidth: 0 });
}

/** A warning for each field of an item's metadata besides its name and the orchestrators' annotations: it is dropped. */
function ignoredMetadataOf(item: SpecItem): KrmResult[] {
  const metadata = item.node.get('metadata', true);
  if (!isMap(metadata)) return [];
  const ignored = metadata.items.flatMap((pair) => {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (key === 'name') return [];
    if (key !== 'annotations' || !isMap(pair.value)) return [`metadata.${key}`];
    return pair.value.items
      .map((a) => String(isScalar(a.key) ? a.key.value : a.key))
      .filter((a) => !isBookkeeping(a))
      .map((a) => `metadata.annotations[${JSON.stringify(a)}]`);
  });
  return ignored.map((field) => ({
    message: `${textAt(item.node, 'metadata', 'name') ?? item.file}: ${field}: is ignored: a spec document is no Kubernetes object, and what it generates takes its namespace and labels from its spec. Fix: remove it, or set it on the generated objects in a kustomization or kpt function after this one`,
    severity: 'warning', ...refOf(item.node, field, item),
  }));
}

/**
 * Declares the spec in a chart as `meshlight synth` does, and synthesises it to YAML, with the warnings of each
 * document's construct (by metadata.name); or the spec's problems.
 */
function synthesise(chartName: string, sources: readonly SpecSource[]): { yaml: string; warnings: Map<string, string[]> } | SpecError {
  const app = new App();
  const chart = new Chart(app, chartName);
  let spec: SpecFiles;
  try {
    spec = new SpecFiles(chart, 'spec', { sources });
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  try {
    const yaml = app.synthYaml();
    const warnings = [...spec.constructs].map(([name, construct]) => [name, construct.node.findAll().flatMap(warningsOf)] as const);
    return { yaml, warnings: new Map(warnings.filter(([, messages]) => messages.length > 0)) };
  } catch (e) {
    const located = spec.problemsOf(e);
    if (located !== undefined) return located;
    throw e;
  }
}

/** The synthesised objects as items, annotated with the file `<chart>.k8s.yaml` that `meshlight synth` writes, and their index in it. */
function generatedItems(yaml: string, chart: string): YAMLMap[] {
  const objects = parseAllDocuments(yaml, { schema: 'failsafe' }) as Document[];
  return objects.flatMap((doc) => (isMap(doc.contents) ? [doc.contents] : [])).map((object, index) => {
    const metadata = object.get('metadata', true) as unknown as YAMLMap;
    const annotations = metadata.get('annotations', true) as unknown as YAMLMap | undefined ?? new YAMLMap();
    metadata.set('annotations', annotations);
    // Both the annotations of the specification (v1) and their legacy names, as kpt and kustomize write both.
    for (const prefix of ['config.kubernetes.io/', 'internal.config.kubernetes.io/']) {
      annotations.set(`${prefix}path`, quoted(`${chart}.k8s.yaml`, Scalar.QUOTE_SINGLE));
      annotations.set(`${prefix}index`, quoted(String(index), Scalar.QUOTE_SINGLE));
    }
    return object;
  });
}

/** The error result of a spec problem, at the item it is in. */
function errorResultOf(problem: SpecProblem, sources: readonly { source: SpecSource; items: SpecItem[] }[]): KrmResult {
  const item = sources.find((s) => s.source.file === problem.file)?.items[problem.index ?? -1];
  return { message: problem.message, severity: 'error', ...(item === undefined ? {} : refOf(item.node, problem.field, item)) };
}

/**
 * The resourceRef, field and file of a result about `node`. The specification wants a field only with a resourceRef,
 * and as a path into the item: a problem across the app names the generated object at fault instead, so it has none.
 */
function refOf(node: YAMLMap, field: string | undefined, item?: SpecItem): Pick<KrmResult, 'resourceRef' | 'field' | 'file'> {
  const [apiVersion, kind, name] = [textAt(node, 'apiVersion'), textAt(node, 'kind'), textAt(node, 'metadata', 'name')];
  const resourceRef = apiVersion !== undefined && kind !== undefined && name !== undefined ? { apiVersion, kind, name } : undefined;
  const isPath = field !== undefined && /^[A-Za-z_$][\w$-]*(\.[\w$-]+|\[[^\]]*\])*$/.test(field);
  return {
    ...(resourceRef === undefined ? {} : { resourceRef, ...(isPath ? { field: { path: field } } : {}) }),
    ...(item?.path === undefined ? {} : { file: { path: item.path, index: item.index } }),
  };
}

/** The output ResourceList, exit code 1 when a result is an error. */
function respond(apiVersion: string, items: YAMLSeq<YAMLMap>, results: readonly KrmResult[]): KrmRun {
  const list = new YAMLMap<string, unknown>();
  list.set('apiVersion', apiVersion);
  list.set('kind', 'ResourceList');
  list.set('items', items);
  if (results.length > 0) list.set('results', nodeOf(results));
  const output = new Document(list, { schema: 'failsafe' }).toString({ lineWidth: 0 });
  return { output, stderr: '', code: results.some((r) => r.severity === 'error') ? 1 : 0 };
}

/**
 * `value` as a node of the failsafe output: strings quoted, since failsafe would leave `true` or `80` plain, which the
 * orchestrator reads back as a boolean or number; numbers plain.
 */
function nodeOf(value: unknown): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map(nodeOf);
    return seq;
  }
  if (typeof value === 'object' && value !== null) {
    const map = new YAMLMap();
    Object.entries(value).forEach(([k, v]) => map.set(k, nodeOf(v)));
    return map;
  }
  return typeof value === 'number' ? new Scalar(String(value)) : quoted(String(value), Scalar.QUOTE_DOUBLE);
}

function quoted(text: string, type: Scalar.Type): Scalar {
  const scalar = new Scalar(text);
  scalar.type = type;
  return scalar;
}
