import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildMesh, decideAccess, manifestsFromObjects } from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

// Every object that Istio's CRDs accept must be explained, never refused: for each kind of the CRDs we ship, objects
// that use every field of its openAPIV3Schema (a value of the right type for each property) go through buildMesh.
// Fields explain does not evaluate become notes; only values of the wrong type are refused (source.test.ts).
const CRDS = path.join(__dirname, '..', '..', '..', 'shared', 'istio', 'crd-all.gen.yaml');

interface Schema {
  readonly type?: string;
  readonly properties?: Record<string, Schema>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly not?: Schema;
  readonly required?: readonly string[];
  readonly format?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-validations'?: readonly { readonly rule: string }[];
}

interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly schema: Schema;
}

function crds(): Crd[] {
  return parseAllDocuments(fs.readFileSync(CRDS, 'utf8')).flatMap((doc) => {
    const crd = doc.toJS() as { spec?: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[] } } | null;
    return (crd?.spec?.versions ?? []).filter((v) => v.served).map((v) => ({
      group: crd!.spec!.group, kind: crd!.spec!.names.kind, version: v.name, schema: v.schema.openAPIV3Schema,
    }));
  });
}

/** The properties that a `oneOf` branch requires, including those nested under `not`/`anyOf`. */
function requiredIn(schema: Schema): string[] {
  return [...(schema.required ?? []), ...(schema.anyOf ?? []).flatMap(requiredIn), ...(schema.not === undefined ? [] : requiredIn(schema.not))];
}

/** The number of variants needed so that every `oneOf` branch and every enum value of the schema is taken at least once. */
function branches(schema: Schema | undefined): number {
  if (schema === undefined) {
    return 1;
  }
  const own = Math.max((schema.oneOf ?? []).filter((b) => (b.required ?? []).length > 0).length, schema.enum?.length ?? 0);
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ...(schema.items === undefined ? [] : [schema.items]),
  ];
  return Math.max(1, own, ...children.map(branches));
}

/** A string that Istio's validation (the CRD's CEL rules, or the field's documented form) accepts. */
function stringFor(name: string, schema: Schema, kind: string): string {
  const rules = (schema['x-kubernetes-validations'] ?? []).map((v) => v.rule).join(' ');
  if (rules.includes('duration(')) return '1s';
  if (kind === 'Sidecar' && name === 'hosts') return './example.com';
  if (name === 'port' || name === 'ports' || name === 'notPorts') return '8080';
  return 'example.com';
}

/** A value of the right type for `schema` and every property under it; `variant` picks the `oneOf` branches and enum values. */
function sample(schema: Schema, name: string, kind: string, variant: number): unknown {
  if (schema.enum !== undefined) {
    return schema.enum[variant % schema.enum.length];
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    return variant % 2 === 0 ? 8080 : '8080';
  }
  switch (schema.type) {
    case 'string':
      return stringFor(name, schema, kind);
    case 'integer':
    case 'number':
      return 8080;
    case 'boolean':
      return true;
    case 'array':
      return schema.items === undefined ? [] : [sample(schema.items, name, kind, variant)];
    default: {
      const out: Record<string, unknown> = {};
      const exclusive = new Set((schema.oneOf ?? []).flatMap(requiredIn));
      const choices = (schema.oneOf ?? []).filter((b) => (b.required ?? []).length > 0);
      const chosen = new Set(choices.length === 0 ? [] : choices[variant % choices.length].required);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (!exclusive.has(key) || chosen.has(key)) {
          out[key] = sample(child, key, kind, variant);
        }
      }
      if (typeof schema.additionalProperties === 'object') {
        out[`${name}-key`] = sample(schema.additionalProperties, name, kind, variant);
      }
      return out;
    }
  }
}

describe('every object valid for the CRDs we ship is explained', () => {
  const all = crds();

  test('the CRDs are read', () => {
    expect(all.map((c) => c.kind)).toEqual(expect.arrayContaining(['VirtualService', 'DestinationRule', 'Sidecar', 'ServiceEntry', 'AuthorizationPolicy', 'PeerAuthentication']));
  });

  test.each(all.map((c) => [`${c.kind} ${c.group}/${c.version}`, c] as const))('%s with every field', (_, crd) => {
    const spec = crd.schema.properties?.spec;
    expect(spec).toBeDefined();
    const objects = Array.from({ length: branches(spec) }, (__, variant) => ({
      apiVersion: `${crd.group}/${crd.version}`,
      kind: crd.kind,
      metadata: { name: `every-field-${variant}`, namespace: 'shop', annotations: { 'istio.io/dry-run': 'false' } },
      spec: sample(spec!, 'spec', crd.kind, variant),
    }));
    expect(() => buildMesh(manifestsFromObjects(objects, `${crd.kind}.yaml`))).not.toThrow();
  });
});

describe('a field that explain cannot evaluate leaves the decision open', () => {
  const mesh = meshOf(`${workloadYaml('shop', 'api', { app: 'api' })}${workloadYaml('shop', 'web', { app: 'web' })}apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: partners, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  rules:
    - from: [{ source: { trustDomains: [partner.example.com] } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: no-foreign, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  action: DENY
  rules:
    - from: [{ source: { notTrustDomains: [cluster.local] } }]
`);
  const caller = mesh.identities.find((i) => i.serviceAccount === 'web')!;

  test.each([
    ['ALLOW from trustDomains', 'shop/api', 'allowed only when caller trust domain = partner.example.com'],
    ['DENY from notTrustDomains', 'shop/web', 'allowed only when NOT caller trust domain != cluster.local'],
  ])('%s: depends, saying on what', (_, target, why) => {
    const d = decideAccess(mesh, caller, mesh.workloads.find((w) => `${w.namespace}/${w.name}` === target)!);
    expect(d).toMatchObject({ decision: 'depends', why });
  });
});

describe('fields that change what a request gets and that explain does not evaluate are named in a note', () => {
  test.each([
    ['DestinationRule', 'spec: { host: api, workloadSelector: { matchLabels: { app: web } }, trafficPolicy: { tls: { mode: DISABLE } } }',
      'DestinationRule shop/x uses what meshlight explain does not evaluate: spec.workloadSelector: the rule applies only to the selected workloads\' sidecars; explain applies it to every caller; spec.trafficPolicy.tls: client TLS settings other than ISTIO_MUTUAL: explain assumes Istio mutual TLS between sidecars (in inline.yaml)'],
    ['VirtualService', 'spec: { hosts: [api], http: [{ corsPolicy: { allowOrigins: [{ exact: "https://a.example.com" }] }, route: [{ destination: { host: api }, headers: { request: { set: { x-user: admin } } } }] }] }',
      'VirtualService shop/x uses what meshlight explain does not evaluate: spec.http[].corsPolicy: CORS preflight answers are not evaluated; spec.http[].route[].headers.request: request header changes: the destination\'s policies see the headers as changed, explain sees them as sent (in inline.yaml)'],
    ['Sidecar', 'spec: { ingress: [{ port: { number: 8080, protocol: HTTP, name: http }, defaultEndpoint: "127.0.0.1:8080" }] }',
      'Sidecar shop/x uses what meshlight explain does not evaluate: spec.ingress: inbound listeners are not evaluated (in inline.yaml)'],
  ])('%s', (kind, spec, note) => {
    const mesh = meshOf(`apiVersion: networking.istio.io/v1\nkind: ${kind}\nmetadata: { name: x, namespace: shop }\n${spec}\n`);
    expect(mesh.notes).toEqual([note]);
  });

  test('ISTIO_MUTUAL, which explain assumes, needs no note', () => {
    expect(meshOf('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: x, namespace: shop }\nspec: { host: api, trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }\n').notes).toEqual([]);
  });
});
