import { compareText } from '../core/internal';
import { describeExportTo } from './hosts';
import { formatLabels, MeshOptions, ObjectRef, readObject, refName } from './objects';
import { SourcedManifest } from './source';

/** One port of a ServiceEntry: the mesh has a listener for its hosts on this port, speaking this protocol. */
export interface ServiceEntryPort {
  readonly number: number;
  readonly name?: string;
  /** `protocol` as written (HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP, TLS); undefined when not written. */
  readonly protocol?: string;
  readonly targetPort?: number;
}

/** How a ServiceEntry's endpoints are found. */
export type Resolution = 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';

/** A ServiceEntry, as far as meshlight explain reads it: hosts and ports added to the mesh's registry and who sees them. */
export interface ServiceEntryConfig extends ObjectRef {
  /** Hosts as written (a ServiceEntry's hosts are not namespace-relative; `*.example.com` is allowed). */
  readonly hosts: readonly string[];
  readonly exportTo: readonly string[];
  /** MESH_EXTERNAL (the default) or MESH_INTERNAL. */
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  /** The ports the mesh serves the hosts on; traffic to other ports of the hosts is not this entry's. */
  readonly ports: readonly ServiceEntryPort[];
  /** NONE (the default), STATIC, DNS, DNS_ROUND_ROBIN or DYNAMIC_DNS. */
  readonly resolution: Resolution;
  readonly addresses: readonly string[];
  /** How many `endpoints` it lists. */
  readonly endpoints: number;
  /** `workloadSelector.labels`: its endpoints are the mesh's pods (or WorkloadEntries) with these labels. */
  readonly workloadSelector?: Readonly<Record<string, string>>;
}

const RESOLUTIONS: readonly Resolution[] = ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'];

/** Reads a ServiceEntry. */
export function readServiceEntry(manifest: SourcedManifest, options: MeshOptions, problems: string[]): ServiceEntryConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const ports: ServiceEntryPort[] = [];
  reader.list(spec.ports, 'spec.ports').forEach((p, i) => {
    const port = reader.record(p, `spec.ports[${i}]`) ?? {};
    const number = reader.number(port.number, `spec.ports[${i}].number`);
    if (number !== undefined) {
      const protocol = reader.string(port.protocol, `spec.ports[${i}].protocol`);
      ports.push({
        number,
        name: reader.string(port.name, `spec.ports[${i}].name`),
        protocol: protocol?.toUpperCase(),
        targetPort: reader.number(port.targetPort, `spec.ports[${i}].targetPort`),
      });
    }
  });
  const selector = reader.record(spec.workloadSelector, 'spec.workloadSelector');
  return {
    ...ref,
    hosts: reader.strings(spec.hosts, 'spec.hosts').map((h) => h.toLowerCase()),
    exportTo: reader.strings(spec.exportTo, 'spec.exportTo'),
    location: reader.oneOf(spec.location, 'spec.location', ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const, 'MESH_EXTERNAL'),
    ports,
    resolution: reader.oneOf(spec.resolution, 'spec.resolution', RESOLUTIONS, 'NONE'),
    addresses: reader.strings(spec.addresses, 'spec.addresses'),
    endpoints: reader.list(spec.endpoints, 'spec.endpoints').length,
    workloadSelector: selector === undefined ? undefined : reader.stringMap(selector.labels, 'spec.workloadSelector.labels') ?? {},
  };
}

/** A port as tables show it: `443/TLS`, `80` when the protocol is not written. */
export function describePort(port: Pick<ServiceEntryPort, 'number' | 'protocol'>): string {
  return port.protocol === undefined ? String(port.number) : `${port.number}/${port.protocol}`;
}

/** One ServiceEntry in words, for the ServiceEntries table. */
export interface ServiceEntryInfo {
  /** `namespace/name`. */
  readonly serviceEntry: string;
  readonly file: string;
  readonly hosts: readonly string[];
  /** `443/TLS`, ... */
  readonly ports: readonly string[];
  readonly resolution: Resolution;
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  /** exportTo as written, `* (default)` when none. */
  readonly exportTo: string;
  /** Where requests go: the hosts' DNS addresses, listed endpoints, selected workloads, or the original destination. */
  readonly endpoints: string;
}

function describeEndpoints(se: ServiceEntryConfig): string {
  if (se.workloadSelector !== undefined) {
    return `workloads with ${formatLabels(se.workloadSelector) || '(any labels)'}`;
  }
  if (se.endpoints > 0) {
    return `${se.endpoints} listed endpoint(s)`;
  }
  switch (se.resolution) {
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
    case 'DYNAMIC_DNS':
      return 'the hosts\' DNS addresses';
    case 'STATIC':
      return 'none (STATIC without endpoints)';
    default:
      return 'the address the caller dialled';
  }
}

/** Every ServiceEntry of the mesh, in namespace/name order, with hosts, ports, resolution, location and exportTo. */
export function explainServiceEntries(mesh: { readonly serviceEntries: readonly ServiceEntryConfig[] }): ServiceEntryInfo[] {
  return [...mesh.serviceEntries].sort((a, b) => compareText(refName(a), refName(b))).map((se) => ({
    serviceEntry: refName(se),
    file: se.source.file,
    hosts: se.hosts,
    ports: se.ports.map(describePort),
    resolution: se.resolution,
    location: se.location,
    exportTo: describeExportTo(se.exportTo),
    endpoints: describeEndpoints(se),
  }));
}
