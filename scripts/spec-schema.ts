// Generates schema/meshlight.schema.json, the JSON Schema of meshlight's YAML spec documents, from core's props
// types. `npm run spec:schema` rewrites it; test/spec/schema.test.ts fails when the committed file is stale.
import * as fs from 'fs';
import * as path from 'path';
import { createGenerator } from 'ts-json-schema-generator';
import { CLUSTER_REFERENCE_COMMENT } from '../lib/spec/schema';

type Schema = { [key: string]: any };

/** The repository's root, where tsconfig.json and lib/ are. */
const ROOT = path.resolve(__dirname, '..');

/** Where the schema is written, relative to the root; package.json ships it as `meshlight/schema.json`. */
export const SPEC_SCHEMA_FILE = path.join('schema', 'meshlight.schema.json');

/** The document kinds and the props type each one's `spec` holds. */
const KINDS = {
  GrayscaleService: 'GrayscaleServiceProps',
  ZeroTrustNamespace: 'ZeroTrustNamespaceProps',
  EgressAllowList: 'EgressAllowListProps',
  MeshIngress: 'MeshIngressProps',
  Fleet: 'FleetDocumentProps',
} as const;

/**
 * Lets every number and boolean be written as `$(cluster.<field>)` too, which a fleet fills in per cluster (a replica
 * count from `$(cluster.values.replicas)`). The reader tells the alternative by its $comment and ignores it when it
 * decides how to read a scalar.
 */
function allowClusterReferences(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(allowClusterReferences);
  if (schema === null || typeof schema !== 'object') return schema;
  const walked = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'enum' || k === 'const' ? v : allowClusterReferences(v)]));
  if (!['number', 'integer', 'boolean'].includes(walked.type)) return walked;
  const { description, ...value } = walked;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [value, { type: 'string', pattern: '^\\$\\(cluster\\.[^()]*\\)$', $comment: CLUSTER_REFERENCE_COMMENT }],
  };
}

/**
 * What the generator emits that only code can give, replaced so that the schema describes plain data only:
 * - StringMatchLike: the StringMatch class form `{ kind, value }` (made by `StringMatch.prefix(...)`) is removed;
 *   a string or `{ exact | prefix | regex }` remain.
 * - DurationLike: the object branch with `toMilliseconds` (cdk8s `Duration`) is removed; a string such as `1.5s` remains.
 * - CallerLike: the `Caller` class form (`Caller.namespace(...)`) and the MeshIngress construct (`{ ingressCaller }`)
 *   are removed; callers are a name (of a workload, a GrayscaleService or a MeshIngress document) or CallerData.
 * - TargetLike and HasIdentity: the construct form `{ identity }` is removed; a name, or an identity written out, remain.
 * - IngressRouteProps.service: the GrayscaleService construct (IngressService) becomes the name of a GrayscaleService
 *   document.
 * Definitions no longer referenced (StringMatch, StringMatchKind, Caller, HasIngressCaller, IngressCaller,
 * IngressService, HttpRoute, ...) are dropped.
 */
function plainDataOnly(definitions: Record<string, Schema>): void {
  const withoutRefs = (alternatives: Schema[], refs: readonly string[]) =>
    alternatives.filter((a) => !refs.includes(String(a.$ref).replace('#/definitions/', '')));
  const stringMatch = definitions.StringMatchLike;
  stringMatch.anyOf = withoutRefs(stringMatch.anyOf, ['StringMatch']);
  stringMatch.description = 'A plain string, which means an exact match, or one of `exact`, `prefix` or `regex`.';
  definitions.DurationLike = {
    type: 'string',
    description: 'A length of time such as `1.5s`, `250ms` or `1h30m` (Go duration syntax, as Istio writes it), in whole milliseconds.',
  };
  const caller = definitions.CallerLike;
  caller.anyOf = withoutRefs(caller.anyOf, ['Caller', 'HasIngressCaller']);
  caller.description = 'A call\'s caller: a name (a workload declared in `workloads`, or a GrayscaleService or MeshIngress document), or a caller written as data.';
  definitions.TargetLike = {
    type: 'string',
    description: 'A call\'s target: the name of a workload declared in `workloads`, or of a GrayscaleService document.',
  };
  definitions.HasIdentity = { $ref: '#/definitions/WorkloadIdentity', description: 'A workload\'s identity, written out.' };
  definitions.IngressRouteProps.properties.service = {
    type: 'string',
    description: 'The service: the metadata.name of a GrayscaleService document. Its rule and weight grayscale apply at the edge as inside the mesh.',
  };
  definitions.EgressAllowListProps.properties.namespace.description +=
    ' The metadata.name of a ZeroTrustNamespace document makes that namespace carry the list.';
  for (const name of Object.keys(definitions)) {
    if (!isReferenced(name, definitions)) delete definitions[name];
  }
}

/** Whether `name` is reachable from the props of a document kind. */
function isReferenced(name: string, definitions: Record<string, Schema>): boolean {
  const seen = new Set<string>();
  const queue: string[] = Object.values(KINDS);
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const text = JSON.stringify(definitions[next] ?? {});
    for (const m of text.matchAll(/"#\/definitions\/([^"]+)"/g)) queue.push(decodeURIComponent(m[1]));
  }
  return seen.has(name);
}

/** A document of `kind`: apiVersion, kind, metadata.name and the kind's props as `spec`. */
function documentSchema(kind: string, props: string): Schema {
  const overlays = kind === 'Fleet' ? {} : {
    overlays: {
      type: 'array',
      description: 'In a spec with a Fleet: what changes in the clusters each `when` selects, merged over spec in order as a JSON merge patch (maps merge key by key, anything else replaces, null removes).',
      items: {
        type: 'object',
        properties: {
          when: { $ref: '#/definitions/OverlayWhen' },
          spec: { $ref: `#/definitions/${props}Changes` },
        },
        required: ['spec'],
        additionalProperties: false,
      },
    },
  };
  return {
    type: 'object',
    description: kind === 'Fleet'
      ? 'A Fleet: its clusters each get the other documents of the spec, with the overlays that select them and their `$(cluster.<field>)` values.'
      : `A ${kind}: metadata.name is the construct id, spec its props.`,
    properties: {
      apiVersion: { const: 'meshlight.io/v1alpha1' },
      kind: { const: kind },
      metadata: { $ref: '#/definitions/Metadata' },
      spec: { $ref: `#/definitions/${props}` },
      ...overlays,
    },
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
  };
}

/** Orders an object's keys, so that the file does not change with the generator's traversal order. */
function sortedKeys(object: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.keys(object).sort().map((k) => [k, object[k]]));
}

/** The JSON Schema of one spec document, generated from core's props types. */
export function generateSpecSchema(): Schema {
  const generator = createGenerator({
    path: path.join(ROOT, 'lib', 'core', 'internal.ts'),
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    skipTypeCheck: true,
    type: '*',
    expose: 'export',
    topRef: true,
  });
  const definitions: Record<string, Schema> = {};
  for (const props of Object.values(KINDS)) Object.assign(definitions, generator.createSchema(props).definitions);
  plainDataOnly(definitions);
  for (const [kind, props] of Object.entries(KINDS)) {
    if (kind === 'Fleet') continue;
    const { required: _required, ...changes } = definitions[props];
    definitions[`${props}Changes`] = { ...changes, description: `Fields of a ${kind}'s spec that an overlay sets; the others stay as spec gives them.` };
  }
  for (const name of Object.keys(definitions)) definitions[name] = allowClusterReferences(definitions[name]);
  const documents = Object.entries(KINDS).map(([kind, props]) => [`${kind}Document`, documentSchema(kind, props)] as const);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'meshlight spec document',
    description: 'One YAML document of a meshlight spec: a GrayscaleService, ZeroTrustNamespace, EgressAllowList, MeshIngress or Fleet. Generated by `npm run spec:schema` from the TypeScript props types.',
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    oneOf: documents.map(([name]) => ({ $ref: `#/definitions/${name}` })),
    definitions: sortedKeys({
      ...definitions,
      ...Object.fromEntries(documents),
      OverlayWhen: {
        type: 'object',
        description: 'The clusters an overlay applies to: those that match every field given; all without when.',
        properties: {
          clusters: { type: 'array', items: { type: 'string' }, description: 'Names of the fleet\'s clusters.' },
          regions: { type: 'array', items: { type: 'string' }, description: 'Regions of the fleet\'s clusters.' },
          released: { type: 'boolean', description: 'Whether the release has reached the cluster (its wave is the current one or before it).' },
        },
        additionalProperties: false,
      },
      Metadata: {
        type: 'object',
        description: 'The document\'s name: the construct id, which other documents refer to.',
        properties: { name: { type: 'string', minLength: 1, description: 'The construct id, unique in the spec.' } },
        required: ['name'],
        additionalProperties: false,
      },
    }),
  };
}

/** The schema as the committed file holds it. */
export function specSchemaText(): string {
  return `${JSON.stringify(generateSpecSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const file = path.join(ROOT, SPEC_SCHEMA_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, specSchemaText());
  process.stdout.write(`wrote ${SPEC_SCHEMA_FILE}\n`);
}
