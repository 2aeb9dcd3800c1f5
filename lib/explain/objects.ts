import { compareText } from '../core/internal';
import { FieldReader } from './read-fields';
import { describeSource, ManifestSource, SourcedManifest } from './source';

/** How Istio traffic to unknown hosts is treated: passed through, or blocked. */
export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/**
 * Facts about the mesh that are not in the manifests: Istio's mesh config and the cluster. The defaults are
 * Istio's and Kubernetes'.
 */
export interface MeshOptions {
  /** Namespace of objects that name none, as `kubectl apply` without `-n` would use. @default 'default' */
  readonly defaultNamespace: string;
  /** Istio's config root namespace (meshConfig.rootNamespace): its policies apply mesh-wide. @default 'istio-system' */
  readonly rootNamespace: string;
  /** Trust domain of workload principals (meshConfig.trustDomain). @default 'cluster.local' */
  readonly trustDomain: string;
  /** DNS domain of the cluster, for Service hosts. @default 'cluster.local' */
  readonly clusterDomain: string;
  /** The mesh-wide outbound traffic policy (meshConfig.outboundTrafficPolicy.mode). @default 'ALLOW_ANY' */
  readonly outboundTrafficPolicy: OutboundMode;
}

/** Istio's and Kubernetes' defaults for MeshOptions. */
export const DEFAULT_MESH_OPTIONS: MeshOptions = {
  defaultNamespace: 'default',
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  clusterDomain: 'cluster.local',
  outboundTrafficPolicy: 'ALLOW_ANY',
};

/** The kind, namespace and name of an object read from the input, and where it came from. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: ManifestSource;
}

/** `namespace/name`, how objects are named in every table. */
export function refName(ref: Pick<ObjectRef, 'namespace' | 'name'>): string {
  return `${ref.namespace}/${ref.name}`;
}

/** ` (in file.yaml)`: appended to a note about an object, so that the reader finds the object in the input. */
export function inFile(ref: Pick<ObjectRef, 'source'>): string {
  return ` (in ${ref.source.file})`;
}

/** Orders objects by namespace, then name. */
export function byRef(a: Pick<ObjectRef, 'namespace' | 'name'>, b: Pick<ObjectRef, 'namespace' | 'name'>): number {
  return compareText(refName(a), refName(b));
}

/** The ObjectRef of a manifest and a FieldReader that reports its problems under its name and source. */
export function readObject(manifest: SourcedManifest, options: MeshOptions, problems: string[]): { ref: ObjectRef; reader: FieldReader } {
  const at = describeSource(manifest.source);
  const metadata = new FieldReader(`${at} ${manifest.kind}`, problems);
  const meta = metadata.record(manifest.object.metadata, 'metadata') ?? {};
  const name = metadata.string(meta.name, 'metadata.name');
  if (name === undefined && meta.name === undefined) {
    metadata.problem('metadata.name', undefined, 'a name', 'give the object a metadata.name');
  }
  const namespace = metadata.string(meta.namespace, 'metadata.namespace') ?? options.defaultNamespace;
  const ref: ObjectRef = { kind: manifest.kind, namespace, name: name ?? '', source: manifest.source };
  return { ref, reader: new FieldReader(`${at} ${manifest.kind} ${refName(ref)}`, problems) };
}

/** The annotations of a manifest (wrong values are left out; the metadata reader reports them). */
export function annotationsOf(manifest: SourcedManifest): Record<string, string> {
  const meta = manifest.object.metadata;
  const annotations = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).annotations : undefined;
  const out: Record<string, string> = {};
  if (typeof annotations === 'object' && annotations !== null) {
    for (const [k, v] of Object.entries(annotations)) {
      if (typeof v === 'string') {
        out[k] = v;
      }
    }
  }
  return out;
}

/** True when every label of `selector` is on `labels` with the same value (an empty selector selects everything). */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Labels as `k=v,k=v`, keys sorted. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).sort(compareText).map((k) => `${k}=${labels[k]}`).join(',');
}
