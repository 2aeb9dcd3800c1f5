import { LineCounter, parseAllDocuments } from 'yaml';
import { quote } from '../core/internal';

/** Where an object was read from: the file, its document (1-based, as counted by `---`) and the document's line. */
export interface ManifestSource {
  /** The file as the user named it. */
  readonly file: string;
  /** Position of the YAML document in the file, from 1. */
  readonly document: number;
  /** Line on which the document starts, from 1. */
  readonly line: number;
  /** Position inside a `kind: List` document's `items`, from 0, when the object came from one. */
  readonly item?: number;
}

/** One Kubernetes or Istio object read from YAML, with where it came from so that every message can point at it. */
export interface SourcedManifest {
  readonly apiVersion: string;
  readonly kind: string;
  /** The whole object as parsed. */
  readonly object: Readonly<Record<string, unknown>>;
  readonly source: ManifestSource;
}

/** How many problems an ExplainInputError message lists; the `problems` field holds all of them. */
const MAX_LISTED = 20;

/** A value for a message: quoted like core's `quote`, cut to 80 characters so a stray file cannot flood the terminal. */
export function brief(value: unknown): string {
  const text = quote(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Thrown when input cannot be read or understood. Carries every problem found, each naming the file, the document
 * and the bad value, so one run reports all of them.
 */
export class ExplainInputError extends Error {
  /** One line per problem. */
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const shown = problems.slice(0, MAX_LISTED).map((p) => `  - ${p}`);
    if (problems.length > MAX_LISTED) {
      shown.push(`  - ... and ${problems.length - MAX_LISTED} more`);
    }
    super(`meshlight found ${count} in the input:\n${shown.join('\n')}`);
    this.name = 'ExplainInputError';
    this.problems = problems;
  }
}

/** Names a source for messages: `file document 3 (line 40)`, with the List item when there is one. */
export function describeSource(source: ManifestSource): string {
  const item = source.item === undefined ? '' : `, items[${source.item}]`;
  return `${source.file} document ${source.document} (line ${source.line}${item})`;
}

/**
 * Parses the text of one YAML (or JSON) file into objects. Empty documents are skipped and `kind: List` documents
 * are expanded into their items. Throws ExplainInputError naming the file and document of every invalid YAML
 * document and of every object without `apiVersion` or `kind`.
 */
export function parseManifests(text: string, file: string): SourcedManifest[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: true });
  const docs = Array.isArray(documents) ? documents : [];
  const problems: string[] = [];
  const manifests: SourcedManifest[] = [];
  docs.forEach((doc, i) => {
    const source: ManifestSource = { file, document: i + 1, line: lineCounter.linePos(doc.range[0]).line };
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push(`${describeSource(source)}: invalid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}. Fix: correct the YAML syntax there`);
      }
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) {
      return;
    }
    if (isRecord(value) && value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item: unknown, j: number) => collect(item, { ...source, item: j }, manifests, problems));
      return;
    }
    collect(value, source, manifests, problems);
  });
  if (problems.length > 0) {
    throw new ExplainInputError(problems);
  }
  return manifests;
}

/**
 * Turns objects already in memory (e.g. cdk8s `Testing.synth` or `app.synth` output) into sourced manifests named
 * `name`, document = position from 1. Throws ExplainInputError like parseManifests.
 */
export function manifestsFromObjects(objects: readonly unknown[], name: string): SourcedManifest[] {
  const problems: string[] = [];
  const manifests: SourcedManifest[] = [];
  objects.forEach((object, i) => collect(object, { file: name, document: i + 1, line: 1 }, manifests, problems));
  if (problems.length > 0) {
    throw new ExplainInputError(problems);
  }
  return manifests;
}

function collect(value: unknown, source: ManifestSource, into: SourcedManifest[], problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${describeSource(source)}: ${brief(value)} is not a Kubernetes object. Fix: give a mapping with apiVersion, kind and metadata`);
    return;
  }
  const missing = ['apiVersion', 'kind'].filter((key) => typeof value[key] !== 'string' || value[key] === '');
  if (missing.length > 0) {
    problems.push(`${describeSource(source)}: the object has no ${missing.map((m) => `"${m}"`).join(' and ')} (found keys ${brief(Object.keys(value))}). Fix: every Kubernetes object needs apiVersion and kind, e.g. apiVersion: networking.istio.io/v1 and kind: VirtualService`);
    return;
  }
  into.push({ apiVersion: value.apiVersion as string, kind: value.kind as string, object: value, source });
}

/**
 * True when `text` may hold Kubernetes objects: it is not valid YAML (so that reading it reports why), or one of
 * its documents is a mapping with an `apiVersion` or a `kind`. False for other YAML and JSON, such as the
 * `construct-metadata.json` that cdk8s writes beside its manifests.
 */
export function holdsManifests(text: string): boolean {
  const documents = parseAllDocuments(text);
  const docs = Array.isArray(documents) ? documents : [];
  return docs.some((doc) => {
    if (doc.errors.length > 0) {
      return true;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    return isRecord(value) && (value.apiVersion !== undefined || value.kind !== undefined);
  });
}

/** True for a plain mapping (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
