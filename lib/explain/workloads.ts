import { fqdnOf } from './hosts';
import { annotationsOf, MeshOptions, ObjectRef, readObject, selects } from './objects';
import { SourcedManifest } from './source';

/** The Kubernetes kinds whose pods meshlight explain treats as workloads. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod'] as const;

/** A set of pods: a Deployment (or StatefulSet, DaemonSet, ReplicaSet, Pod) with its pod labels and identity. */
export interface Workload extends ObjectRef {
  /** Labels of its pods (the pod template's), which selectors of Services and Istio objects match. */
  readonly labels: Readonly<Record<string, string>>;
  /** `serviceAccountName` of its pods, `default` when unset. */
  readonly serviceAccount: string;
  /** Its mTLS identity, `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`. */
  readonly principal: string;
  /** False when sidecar injection is turned off for its pods (`sidecar.istio.io/inject: "false"`). */
  readonly hasSidecar: boolean;
  /** Container ports, to resolve a Service's named targetPort. */
  readonly containerPorts: readonly { readonly name?: string; readonly port: number }[];
}

/** One port of a Service. */
export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  /** Port number or container port name on the pods; the Service port when unset. */
  readonly targetPort: number | string;
}

/** A Kubernetes Service: a host in the mesh and the pods behind it. */
export interface KubeService extends ObjectRef {
  /** `<name>.<namespace>.svc.<clusterDomain>`. */
  readonly host: string;
  /** Pod selector; undefined for a Service without one (its endpoints are managed elsewhere). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  /** The `networking.istio.io/exportTo` annotation, split; empty means every namespace. */
  readonly exportTo: readonly string[];
  /** The Service's own labels (`istio.io/use-waypoint`, ...). */
  readonly labels: Readonly<Record<string, string>>;
}

/** A caller identity: a service account, and the mTLS principal it has in the mesh. */
export interface Identity {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly principal: string;
}

/** The SPIFFE principal (without `spiffe://`) of a service account. */
export function principalOf(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** `namespace/sa/name`, how identities are written on the command line and in tables. */
export function identityName(identity: Pick<Identity, 'namespace' | 'serviceAccount'>): string {
  return `${identity.namespace}/sa/${identity.serviceAccount}`;
}

/** Reads a Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod. */
export function readWorkload(manifest: SourcedManifest, options: MeshOptions, problems: string[]): Workload {
  const { ref, reader } = readObject(manifest, options, problems);
  const isPod = manifest.kind === 'Pod';
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const template = isPod ? manifest.object : reader.record(spec.template, 'spec.template') ?? {};
  const at = isPod ? '' : 'spec.template.';
  const meta = reader.record(template.metadata, `${at}metadata`) ?? {};
  const labels = reader.stringMap(meta.labels, `${at}metadata.labels`) ?? {};
  const annotations = reader.stringMap(meta.annotations, `${at}metadata.annotations`) ?? {};
  const podSpec = isPod ? spec : reader.record(template.spec, `${at}spec`) ?? {};
  const serviceAccount = reader.string(podSpec.serviceAccountName, `${at}spec.serviceAccountName`)
    ?? reader.string(podSpec.serviceAccount, `${at}spec.serviceAccount`) ?? 'default';
  const containerPorts: { name?: string; port: number }[] = [];
  reader.list(podSpec.containers, `${at}spec.containers`).forEach((c, i) => {
    const container = reader.record(c, `${at}spec.containers[${i}]`) ?? {};
    reader.list(container.ports, `${at}spec.containers[${i}].ports`).forEach((p, j) => {
      const path = `${at}spec.containers[${i}].ports[${j}]`;
      const port = reader.record(p, path) ?? {};
      const number = reader.number(port.containerPort, `${path}.containerPort`);
      if (number !== undefined) {
        containerPorts.push({ name: reader.string(port.name, `${path}.name`), port: number });
      }
    });
  });
  const inject = annotations['sidecar.istio.io/inject'] ?? labels['sidecar.istio.io/inject'];
  return {
    ...ref,
    labels,
    serviceAccount,
    principal: principalOf(options.trustDomain, ref.namespace, serviceAccount),
    hasSidecar: inject !== 'false',
    containerPorts,
  };
}

/** Reads a Service. */
export function readService(manifest: SourcedManifest, options: MeshOptions, problems: string[]): KubeService {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const ports: ServicePort[] = [];
  reader.list(spec.ports, 'spec.ports').forEach((p, i) => {
    const port = reader.record(p, `spec.ports[${i}]`) ?? {};
    const number = reader.number(port.port, `spec.ports[${i}].port`);
    if (number === undefined) {
      return;
    }
    const target = typeof port.targetPort === 'string' && !/^\d+$/.test(port.targetPort)
      ? port.targetPort
      : reader.number(port.targetPort, `spec.ports[${i}].targetPort`) ?? number;
    ports.push({ name: reader.string(port.name, `spec.ports[${i}].name`), port: number, targetPort: target });
  });
  const exportTo = annotationsOf(manifest)['networking.istio.io/exportTo'];
  const meta = reader.record(manifest.object.metadata, 'metadata') ?? {};
  return {
    ...ref,
    labels: reader.stringMap(meta.labels, 'metadata.labels') ?? {},
    host: fqdnOf(ref.name, ref.namespace, options.clusterDomain),
    selector: reader.stringMap(spec.selector, 'spec.selector'),
    ports,
    exportTo: exportTo === undefined ? [] : exportTo.split(',').map((e) => e.trim()).filter((e) => e !== ''),
  };
}

/** Reads a ServiceAccount as an identity. */
export function readServiceAccount(manifest: SourcedManifest, options: MeshOptions, problems: string[]): Identity {
  const { ref } = readObject(manifest, options, problems);
  return { namespace: ref.namespace, serviceAccount: ref.name, principal: principalOf(options.trustDomain, ref.namespace, ref.name) };
}

/** The workloads a Service sends traffic to: those of its namespace whose pod labels its selector matches. */
export function workloadsOfService(service: KubeService, workloads: readonly Workload[]): Workload[] {
  const selector = service.selector;
  if (selector === undefined || Object.keys(selector).length === 0) {
    return [];
  }
  return workloads.filter((w) => w.namespace === service.namespace && selects(selector, w.labels));
}

/** The port a workload receives a Service port's traffic on (its resolved targetPort). */
export function targetPortOf(port: ServicePort, workload: Workload | undefined): number | undefined {
  if (typeof port.targetPort === 'number') {
    return port.targetPort;
  }
  return workload?.containerPorts.find((c) => c.name === port.targetPort)?.port;
}
