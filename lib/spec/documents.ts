// Spec files to documents: each YAML document checked for its header (apiVersion, kind, metadata.name) and its spec
// read as the plain data of the kind's props.
import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments, YAMLMap } from 'yaml';
import { closestField, quote } from '../core/internal';
import { SpecProblem } from './errors';
import { positionOf, walk } from './positions';
import { plainDataOf, TypeMismatch } from './plain-data';
import { JsonSchema } from './schema';

/** The apiVersion of every spec document. */
export const SPEC_API_VERSION = 'meshlight.io/v1alpha1';

/** The kinds of documents that declare a construct. */
export const CONSTRUCT_KINDS = ['GrayscaleService', 'ZeroTrustNamespace', 'EgressAllowList', 'MeshIngress'] as const;

/** The kinds a spec document may have: one per construct, and the Fleet, whose clusters each get the constructs. */
export const SPEC_KINDS = [...CONSTRUCT_KINDS, 'Fleet'] as const;

/** A kind of spec document. */
export type SpecKind = typeof SPEC_KINDS[number];

/** A kind of document that declares a construct. */
export type ConstructKind = typeof CONSTRUCT_KINDS[number];

/** The name of the props type (a definition of the schema) a kind's spec holds. */
export function propsTypeOf(kind: SpecKind): string {
  return kind === 'Fleet' ? 'FleetDocumentProps' : `${kind}Props`;
}

/** The fields of a document besides its spec; `overlays` only in documents that declare a construct. */
const DOCUMENT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'overlays'];

/** The fields of an overlay, and of its `when`. */
const OVERLAY_FIELDS = ['when', 'spec'];
const WHEN_FIELDS = ['clusters', 'regions', 'released'];

/** A spec file's text, and the name to report it by. */
export interface SpecSource {
  /** The file as given (`-` for standard input): problems name it. */
  readonly file: string;
  readonly text: string;
}

/** One document of a spec: a construct to declare. */
export interface SpecDocument {
  readonly kind: SpecKind;
  /** metadata.name: the construct id, by which other documents refer to it. */
  readonly name: string;
  /** The construct's props as plain data, references still by name. */
  readonly spec: Record<string, unknown>;
  /** Where the document is, for problems found later. */
  readonly location: SpecLocation;
  /** In a fleet: what changes in some clusters, in order. */
  readonly overlays?: readonly SpecOverlay[];
}

/**
 * What a document changes in the clusters of a fleet that `when` selects: `spec` merged over the document's, as a JSON
 * merge patch (RFC 7386: maps merge key by key, anything else replaces, null removes).
 */
export interface SpecOverlay {
  /** The clusters it applies to: all that match every field given. */
  readonly when: { readonly clusters?: readonly string[]; readonly regions?: readonly string[]; readonly released?: boolean };
  readonly spec: Record<string, unknown>;
  /** The overlay's position in the document: `overlays[i]`. */
  readonly field: string;
  /** The YAML node of its spec, where problems in what it sets are reported. */
  readonly node: Node;
}

/** Where a document is written: its file, its YAML and the positions of its lines. */
export interface SpecLocation {
  readonly file: string;
  /** The 0-based index of the document in its file. */
  readonly index: number;
  readonly yaml: Document;
  readonly lines: LineCounter;
  /** In a fleet's cluster: the spec nodes of the overlays applied, in order; what they set is reported there. */
  readonly overlays?: readonly Node[];
}

/** The problem at the node `field` names inside the document's spec (or the spec itself, when no node has that field). */
export function problemAt(location: SpecLocation, field: string, message: string): SpecProblem {
  const spec = (location.yaml.contents as YAMLMap | null)?.get('spec', true) as Node | undefined;
  const root = spec ?? location.yaml.contents ?? undefined;
  // In a fleet's cluster, what an overlay set is reported in the overlay: the one that goes deepest along the field.
  let found = root === undefined || root === null ? undefined : walk(root, field);
  for (const overlay of location.overlays ?? []) {
    const there = walk(overlay, field);
    if (there.depth > 0 && there.depth >= (found?.depth ?? 0)) found = there;
  }
  const node = found?.node;
  const { line, col } = node === undefined ? { line: 1, col: 1 } : positionOf(node, location.lines);
  return { file: location.file, line, col, message, index: location.index, field: field === '' ? 'spec' : `spec${field.startsWith('[') ? '' : '.'}${field}` };
}

/** The problem at `node` of the document. */
function problemAtNode(location: SpecLocation, node: Node | null | undefined, field: string | undefined, message: string): SpecProblem {
  const { line, col } = node ? positionOf(node, location.lines) : { line: 1, col: 1 };
  return { file: location.file, line, col, message, index: location.index, ...(field === undefined ? {} : { field }) };
}

/** What the reader found: the documents, and every problem of them (documents with a problem are left out). */
export interface ReadSpec {
  readonly documents: readonly SpecDocument[];
  readonly problems: readonly SpecProblem[];
  /** The names of documents left out for their problems: references to them are not problems of their own. */
  readonly withheld: ReadonlySet<string>;
}

/**
 * Reads spec files: every YAML document in them, in order, with a valid header and a spec read against the schema of
 * its kind. Empty documents are skipped. Names must be unique across the files.
 */
export function readSpecDocuments(sources: readonly SpecSource[]): ReadSpec {
  const documents: SpecDocument[] = [];
  const problems: SpecProblem[] = [];
  const withheld = new Set<string>();
  const named = new Map<string, SpecLocation>();
  for (const source of sources) {
    const lines = new LineCounter();
    const parsed = parseAllDocuments(source.text, { lineCounter: lines, prettyErrors: false });
    for (const [index, yaml] of (Array.isArray(parsed) ? parsed : [parsed]).entries()) {
      const location: SpecLocation = { file: source.file, index, yaml, lines };
      if (yaml.errors.length > 0) {
        for (const e of yaml.errors) {
          const { line, col } = lines.linePos(e.pos[0]);
          problems.push({ file: source.file, line, col, index, message: `not valid YAML: ${e.message.split('\n')[0]}. Fix: correct the YAML syntax` });
        }
        continue;
      }
      if (yaml.contents === null) continue;
      const read = readDocument(location, problems);
      if (read === undefined) {
        const name = isMap(yaml.contents) ? yaml.contents.getIn(['metadata', 'name']) : undefined;
        if (typeof name === 'string') withheld.add(name);
        continue;
      }
      const twin = named.get(read.name);
      if (twin !== undefined) {
        const first = positionOf((twin.yaml.contents as YAMLMap).getIn(['metadata', 'name'], true) as Node, twin.lines);
        problems.push(problemAtNode(location, (yaml.contents as YAMLMap).getIn(['metadata', 'name'], true) as Node, 'metadata.name',
          `metadata.name = ${quote(read.name)}: is the name of another document too (${twin.file}:${first.line}:${first.col}). Fix: give each document its own name; documents refer to each other by it`));
        continue;
      }
      named.set(read.name, location);
      documents.push(read);
    }
  }
  return { documents, problems, withheld };
}

/** One document, or undefined after recording its problems. */
function readDocument(location: SpecLocation, problems: SpecProblem[]): SpecDocument | undefined {
  const root = location.yaml.contents;
  const at = (node: Node | null | undefined, field: string | undefined, message: string) => problems.push(problemAtNode(location, node ?? root, field, message));
  if (!isMap(root)) {
    at(root, undefined, `the document is ${quote(root?.toJSON())}, not a mapping. Fix: write apiVersion: ${SPEC_API_VERSION}, kind, metadata.name and spec`);
    return undefined;
  }
  const before = problems.length;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!DOCUMENT_FIELDS.includes(key)) {
      const guess = closestField(key, DOCUMENT_FIELDS);
      at(pair.key as Node, key, `${key}: is not a field of a spec document. Fix: ${guess === undefined ? `use ${DOCUMENT_FIELDS.join(', ')}` : `did you mean "${guess}"?`}`);
    }
  }
  const apiVersion = root.get('apiVersion');
  if (apiVersion !== SPEC_API_VERSION) {
    at(root.get('apiVersion', true) as Node, 'apiVersion', `apiVersion = ${quote(apiVersion)}: is not meshlight's. Fix: write apiVersion: ${SPEC_API_VERSION}`);
  }
  const kind = root.get('kind');
  if (!SPEC_KINDS.includes(kind as SpecKind)) {
    const guess = typeof kind === 'string' ? closestField(kind, SPEC_KINDS) : undefined;
    at(root.get('kind', true) as Node, 'kind', `kind = ${quote(kind)}: is not a kind of spec document. Fix: ${guess === undefined ? `use one of ${SPEC_KINDS.join(', ')}` : `did you mean "${guess}"?`}`);
  }
  const metadata = root.get('metadata', true);
  const name = isMap(metadata) ? metadata.get('name') : undefined;
  if (typeof name !== 'string' || name === '') {
    at((isMap(metadata) ? metadata.get('name', true) : metadata) as Node, 'metadata.name',
      `metadata.name = ${quote(name)}: a document needs a name, the construct id that other documents refer to. Fix: write metadata: { name: my-service }`);
  } else if (isMap(metadata)) {
    for (const pair of metadata.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key !== 'name') at(pair.key as Node, `metadata.${key}`, `metadata.${key}: is not a field of metadata. Fix: give metadata a name only`);
    }
  }
  const spec = root.get('spec', true) as Node | undefined;
  if (!isMap(spec)) {
    at(spec, 'spec', `spec = ${quote(spec?.toJSON())}: a document needs its props as a mapping. Fix: write spec: with the ${String(kind)}'s props`);
  }
  const overlaysNode = root.get('overlays', true) as Node | undefined;
  if (overlaysNode !== undefined && kind === 'Fleet') {
    at(overlaysNode, 'overlays', 'overlays: a Fleet has none; they change the documents of constructs per cluster. Fix: move them to the document they change');
  }
  if (problems.length > before) return undefined;
  const mismatches: TypeMismatch[] = [];
  const schema = { $ref: `#/definitions/${propsTypeOf(kind as SpecKind)}` };
  const data = plainDataOf(spec, [schema], location.yaml, '', mismatches) as Record<string, unknown>;
  const overlays = overlaysNode === undefined ? undefined : readOverlays(overlaysNode, schema, location, name as string, at, mismatches);
  for (const m of mismatches) {
    at(m.node, m.field === '' ? 'spec' : m.field.startsWith('overlays[') ? m.field : `spec.${m.field}`, `${name}: ${m.field} = ${quote(m.value)}: is a string, but a ${m.wanted} is wanted. Fix: write the ${m.wanted} without quotes`);
  }
  if (problems.length > before) return undefined;
  return { kind: kind as SpecKind, name: name as string, spec: data, location, ...(overlays === undefined ? {} : { overlays }) };
}

type At = (node: Node | null | undefined, field: string | undefined, message: string) => void;

/** A document's overlays, each `{ when, spec }`, their specs read against the kind's props schema. */
function readOverlays(node: Node, schema: JsonSchema, location: SpecLocation, name: string, at: At, mismatches: TypeMismatch[]): SpecOverlay[] {
  if (!isSeq(node)) {
    at(node, 'overlays', `${name}: overlays = ${quote(node.toJSON())}: is not a list. Fix: write a list of { when: { clusters | regions | released }, spec: { ... } }`);
    return [];
  }
  const overlays: SpecOverlay[] = [];
  node.items.forEach((item, i) => {
    const field = `overlays[${i}]`;
    if (!isMap(item)) {
      at(item as Node, field, `${name}: ${field} = ${quote((item as Node | null)?.toJSON?.())}: is not an overlay. Fix: write { when: { released: true }, spec: { ... } }`);
      return;
    }
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!OVERLAY_FIELDS.includes(key)) {
        const guess = closestField(key, OVERLAY_FIELDS);
        at(pair.key as Node, `${field}.${key}`, `${name}: ${field}.${key}: is not a field of an overlay. Fix: ${guess === undefined ? 'use when and spec' : `did you mean "${guess}"?`}`);
      }
    }
    const when = item.get('when', true) as Node | undefined;
    const whenData = when === undefined ? {} : when.toJSON() as Record<string, unknown>;
    const badWhen = when !== undefined && (!isMap(when)
      || Object.keys(whenData).some((k) => !WHEN_FIELDS.includes(k))
      || ['clusters', 'regions'].some((k) => whenData[k] !== undefined && (!Array.isArray(whenData[k]) || (whenData[k] as unknown[]).some((v) => typeof v !== 'string')))
      || (whenData.released !== undefined && typeof whenData.released !== 'boolean'));
    if (badWhen) {
      at(when, `${field}.when`, `${name}: ${field}.when = ${quote(whenData)}: is not a choice of clusters. Fix: give any of clusters: [names], regions: [regions], released: true or false; an overlay applies where all match`);
    }
    const spec = item.get('spec', true) as Node | undefined;
    if (!isMap(spec)) {
      at(spec ?? item, `${field}.spec`, `${name}: ${field}.spec = ${quote(spec?.toJSON())}: is not a mapping. Fix: write the fields the overlay changes, such as spec: { versions: [...] }`);
      return;
    }
    if (badWhen) return;
    const data = plainDataOf(spec, [schema], location.yaml, `${field}.spec`, mismatches) as Record<string, unknown>;
    overlays.push({ when: whenData as SpecOverlay['when'], spec: data, field, node: spec });
  });
  return overlays;
}
