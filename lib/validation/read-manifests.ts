import * as fs from 'fs';
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
  return parseManifests(fs.readFileSync(file, 'utf8'));
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
  const text = fs.readFileSync(file, 'utf8');
  // At column 0, `---` always starts a document; directives (`%YAML`) would belong to the next one: keep them whole.
  if (/^%/m.test(text)) return { objects: parseDocuments(text), otherNames: [] };
  const kept: string[] = [];
  const otherNames: string[] = [];
  for (const doc of text.split(/^(?=---(?:[ \t]|$))/m)) {
    const apiVersion = /^apiVersion:[ \t]*["']?([^\s"'#]+)/m.exec(doc)?.[1];
    if (apiVersion === undefined || wanted(apiVersion)) kept.push(doc);
    else otherNames.push(...blockMetadataName(doc));
  }
  return { objects: parseDocuments(kept.join('')), otherNames };
}

/** `metadata.name` of a document in block style (as cdk8s and kubectl write them), if a glance finds it. */
function blockMetadataName(doc: string): string[] {
  const block = /^metadata:[ \t]*\n((?:[ \t]+.*(?:\n|$))+)/m.exec(doc)?.[1];
  const indent = block === undefined ? undefined : /^[ \t]+/.exec(block)?.[0];
  if (block === undefined || indent === undefined) return [];
  const name = new RegExp(`^${indent}name:[ \\t]*["']?([^"'\\n#]*?)["']?[ \\t]*$`, 'm').exec(block)?.[1];
  return name === undefined ? [] : [name];
}

function parseDocuments(text: string): Record<string, any>[] {
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
