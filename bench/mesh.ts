// The mesh the benchmark synthesises: services spread over zero-trust namespaces, each with three versions, one
// rule, two declared callers and an egress allow-list, declared the same way through cdk8s and through Pulumi.
import { Chart } from 'cdk8s';
import type { EgressAllowListProps, GrayscaleServiceProps } from '../lib/core/internal';

/** How many services share one ZeroTrustNamespace, as a team would group them. */
export const SERVICES_PER_NAMESPACE = 20;

/** The external host every service of a namespace reaches; listed by each allow-list, merged into one ServiceEntry. */
export const SHARED_EXTERNAL_HOST = 'oss-cn-hangzhou.aliyuncs.com';

/** One service of the generated mesh and what it declares. */
export interface ServiceSpec {
  /** Name of the service and of its construct / resource (unique across the mesh). */
  readonly name: string;
  /** Name of its namespace. */
  readonly namespace: string;
  readonly props: GrayscaleServiceProps;
  /** Services of the same namespace that call this one (each is declared with `namespace.allow(caller, this)`). */
  readonly callers: readonly string[];
  /** The allow-list of this one service (its EgressAllowList passes the ZeroTrustNamespace as namespace). */
  readonly egress: Omit<EgressAllowListProps, 'namespace' | 'workload'>;
}

/** A generated mesh: namespaces in declaration order, and the services of each. */
export interface MeshSpec {
  readonly size: number;
  readonly namespaces: readonly { readonly name: string; readonly services: readonly ServiceSpec[] }[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A mesh of `size` services (a multiple of SERVICES_PER_NAMESPACE): service j of a namespace is called by services
 * j+1 and j+2 of the same namespace (so each also calls two), has versions 1.0 (90%), 1.1 (10%) and 1.2 (0%, reached
 * by a header rule), and may reach its own partner API and the namespace's shared object store.
 */
export function meshOf(size: number): MeshSpec {
  const namespaces = [];
  for (let n = 0; n < size / SERVICES_PER_NAMESPACE; n++) {
    const namespace = `team-${pad(n, 3)}`;
    const names = Array.from({ length: SERVICES_PER_NAMESPACE }, (_, j) => `svc-${pad(n * SERVICES_PER_NAMESPACE + j, 4)}`);
    const services = names.map((name, j): ServiceSpec => ({
      name,
      namespace,
      props: {
        name,
        namespace,
        versions: [
          { version: '1.0', weight: 90, image: `registry.example.com/${namespace}/${name}:1.0` },
          { version: '1.1', weight: 10, image: `registry.example.com/${namespace}/${name}:1.1` },
          { version: '1.2', weight: 0, image: `registry.example.com/${namespace}/${name}:1.2` },
        ],
        rules: [{ name: 'preview', version: '1.2', match: { headers: { 'x-preview': '1' } } }],
        // Versions that get traffic are ready only when they can serve (meshlight warns otherwise).
        workload: { readinessProbe: { http: { path: '/healthz' } } },
      },
      callers: [names[(j + 1) % names.length], names[(j + 2) % names.length]],
      egress: { hosts: [`${name}.partner.example.com`, SHARED_EXTERNAL_HOST] },
    }));
    namespaces.push({ name: namespace, services });
  }
  return { size, namespaces };
}

/** How many clusters a fleet of the benchmark has: a fleet of N services is 20 clusters of N / 20 services each. */
export const FLEET_CLUSTERS = 20;

/** The clusters of the benchmark's fleet, one region each. */
export function fleetClusters(): { readonly name: string; readonly region: string }[] {
  return Array.from({ length: FLEET_CLUSTERS }, (_, i) => ({ name: `cluster-${pad(i, 2)}`, region: `region-${pad(i, 2)}` }));
}

/** What each service may reach, as declared: the services it calls and the external hosts of its allow-list. */
export function declaredDependencies(mesh: MeshSpec): Map<string, { readonly callees: readonly string[]; readonly externalHosts: readonly string[] }> {
  const out = new Map<string, { callees: string[]; externalHosts: readonly string[] }>();
  for (const ns of mesh.namespaces) {
    for (const s of ns.services) out.set(`${ns.name}/${s.name}`, { callees: [], externalHosts: s.egress.hosts.map(String) });
    for (const s of ns.services) {
      for (const caller of s.callers) out.get(`${ns.name}/${caller}`)!.callees.push(s.name);
    }
  }
  return out;
}

/** Declares the mesh in a cdk8s chart: per namespace, the ZeroTrustNamespace, its services, their calls and allow-lists. */
export function declareCdk8sMesh(chart: Chart, mesh: MeshSpec): void {
  // Loaded here so that a Pulumi worker never loads the cdk8s front end, and the reverse.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EgressAllowList, GrayscaleService, ZeroTrustNamespace } = require('../lib/cdk8s') as typeof import('../lib/cdk8s');
  for (const ns of mesh.namespaces) {
    const namespace = new ZeroTrustNamespace(chart, ns.name);
    const services = new Map(ns.services.map((s) => [s.name, new GrayscaleService(chart, s.name, s.props)]));
    for (const s of ns.services) {
      for (const caller of s.callers) namespace.allow(services.get(caller)!, services.get(s.name)!);
    }
    for (const s of ns.services) {
      new EgressAllowList(chart, `${s.name}-egress`, { ...s.egress, namespace, workload: services.get(s.name)! });
    }
  }
}

/**
 * Declares the mesh as a Pulumi program; returns every component, and a promise for the namespaces' policies. In a
 * fleet, `cluster` puts it in one cluster: its resource names end in `-<cluster>`, and its components take `opts`.
 */
export function declarePulumiMesh(
  mesh: MeshSpec, cluster?: { readonly name: string; readonly opts: import('@pulumi/pulumi').ComponentResourceOptions },
): { readonly components: import('@pulumi/pulumi').ComponentResource[]; readonly ready: Promise<unknown> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EgressAllowList, GrayscaleService, ZeroTrustNamespace } = require('../lib/pulumi') as typeof import('../lib/pulumi');
  const components: import('@pulumi/pulumi').ComponentResource[] = [];
  const namespaces: InstanceType<typeof ZeroTrustNamespace>[] = [];
  const named = (name: string) => (cluster === undefined ? name : `${name}-${cluster.name}`);
  const opts = cluster?.opts ?? {};
  for (const ns of mesh.namespaces) {
    const namespace = new ZeroTrustNamespace(named(ns.name), cluster === undefined ? {} : { name: ns.name }, opts);
    namespaces.push(namespace);
    const services = new Map(ns.services.map((s) => [s.name, new GrayscaleService(named(s.name), s.props, { ...opts, dependsOn: [namespace] })]));
    for (const s of ns.services) {
      for (const caller of s.callers) namespace.allow(services.get(caller)!, services.get(s.name)!);
    }
    for (const s of ns.services) {
      components.push(new EgressAllowList(named(`${s.name}-egress`), { ...s.egress, namespace, workload: services.get(s.name)! }, opts));
    }
    components.push(namespace, ...services.values());
  }
  return { components, ready: Promise.all(namespaces.map((n) => n.ready)) };
}

/** Every child resource of the components, once the namespaces have registered their policies. */
export function childResourcesOf(components: readonly import('@pulumi/pulumi').ComponentResource[]): import('@pulumi/pulumi').Resource[] {
  return components.flatMap((c) => [c, ...((c as unknown as { resources?: readonly import('@pulumi/pulumi').Resource[] }).resources ?? [])]);
}
