import { MeshlightValidationError, ProblemCollector, quote } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { GitOpsClusterProps } from './gitops';
import { isDnsLabel, isDnsSubdomain, isLabelValue } from './names';

/**
 * One cluster of a fleet: where it runs and which mesh network it is on. Its values are what the user's code reads
 * to say what differs per cluster (images, hosts, replicas): plain code over typed data.
 * @see https://istio.io/latest/docs/setup/install/multicluster/
 */
export interface FleetClusterProps {
  /** The cluster's name: its output folder `<outdir>/<name>`; a DNS label. */
  readonly name: string;
  /** The region its nodes run in (their `topology.kubernetes.io/region` label), e.g. `eu-west1`. */
  readonly region: string;
  /**
   * The zones its nodes run in (their `topology.kubernetes.io/zone` label).
   * @default []
   */
  readonly zones?: readonly string[];
  /**
   * The Istio network the cluster is on (`topology.istio.io/network`), when clusters do not share one.
   * @default - none: the cluster shares the network of the others
   */
  readonly network?: string;
  /**
   * The cluster's SPIFFE trust domain (mesh config `trustDomain`), where it differs from the mesh's.
   * @default - none: the mesh's trust domain
   */
  readonly trustDomain?: string;
}

/** A cluster of a fleet, validated: every optional list resolved. */
export interface FleetCluster {
  readonly name: string;
  readonly region: string;
  readonly zones: readonly string[];
  readonly network?: string;
  readonly trustDomain?: string;
}

/** Where Argo CD sends one cluster's folder: the API server's URL, or the cluster's name in Argo CD. */
export type FleetDestination = { readonly server: string } | { readonly destinationName: string };

/** The folder, beside the clusters' folders, that holds a fleet's Argo CD objects. */
export const FLEET_DELIVERY_FOLDER = 'argocd';

const CLUSTER_FIELDS = fieldsOf<FleetClusterProps>({ name: true, region: true, zones: true, network: true, trustDomain: true });

function planFleetCluster(problems: ProblemCollector, field: string, raw: unknown): FleetCluster | undefined {
  if (!isRecord(raw)) {
    problems.add(field, raw, 'is not a cluster of the fleet', 'use an object such as { name: "eu-1", region: "europe-west1" }');
    return undefined;
  }
  checkKnownFields(problems, field, raw, CLUSTER_FIELDS, 'a cluster of the fleet');
  const before = problems.count;
  const { name, region, zones, network, trustDomain } = raw;
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    problems.add(`${field}.name`, name, 'is not a DNS label', 'use lower-case letters, digits and "-", such as "eu-1"; it names the cluster\'s output folder');
  }
  if (typeof region !== 'string' || region === '' || !isLabelValue(region)) {
    problems.add(`${field}.region`, region, 'is not a region as nodes are labelled with it', 'write the value of the nodes\' topology.kubernetes.io/region label, such as "europe-west1"');
  }
  if (zones !== undefined && !Array.isArray(zones)) {
    problems.add(`${field}.zones`, zones, 'is not a list of zones', 'list the values of the nodes\' topology.kubernetes.io/zone label, such as ["europe-west1-b"]');
  } else {
    (zones ?? []).forEach((zone: unknown, i: number) => {
      if (typeof zone !== 'string' || zone === '' || !isLabelValue(zone)) {
        problems.add(`${field}.zones[${i}]`, zone, 'is not a zone as nodes are labelled with it', 'write the value of the nodes\' topology.kubernetes.io/zone label, such as "europe-west1-b"');
      }
    });
  }
  if (network !== undefined && (typeof network !== 'string' || network === '' || !isLabelValue(network))) {
    problems.add(`${field}.network`, network, 'is not an Istio network name', 'write the value of the topology.istio.io/network label, such as "network-eu"');
  }
  if (trustDomain !== undefined && (typeof trustDomain !== 'string' || !isDnsSubdomain(trustDomain))) {
    problems.add(`${field}.trustDomain`, trustDomain, 'is not a trust domain', 'write a DNS name such as "eu.example.com", or leave it out for the mesh\'s');
  }
  if (problems.count > before) return undefined;
  return {
    name: name as string, region: region as string, zones: [...((zones as string[] | undefined) ?? [])],
    ...(network === undefined ? {} : { network: network as string }),
    ...(trustDomain === undefined ? {} : { trustDomain: trustDomain as string }),
  };
}

/**
 * Validates a fleet's clusters, in the order given. Throws MeshlightValidationError, naming `path`, on a bad or
 * repeated cluster.
 */
export function planFleetClusters(clusters: readonly FleetClusterProps[], path: string): FleetCluster[] {
  const problems = new ProblemCollector(path);
  const raw: unknown = clusters;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('clusters', raw, 'lists no clusters', 'list at least one, such as [{ name: "eu-1", region: "europe-west1" }]');
    problems.throwIfAny();
  }
  const planned: FleetCluster[] = [];
  const seen = new Map<string, number>();
  (raw as unknown[]).forEach((entry, i) => {
    const cluster = planFleetCluster(problems, `clusters[${i}]`, entry);
    if (cluster === undefined) return;
    const first = seen.get(cluster.name);
    if (first !== undefined) {
      problems.add(`clusters[${i}].name`, cluster.name, `names the same cluster as clusters[${first}]`, 'give each cluster its own name: it is its output folder');
      return;
    }
    seen.set(cluster.name, i);
    planned.push(cluster);
  });
  problems.throwIfAny();
  return planned;
}

/** The cluster of the fleet named `name`; throws MeshlightValidationError, naming `path`, when there is none. */
export function fleetClusterNamed(clusters: readonly FleetCluster[], name: string, path: string): FleetCluster {
  const found = clusters.find((c) => c.name === name);
  if (found !== undefined) return found;
  const problems = new ProblemCollector(path);
  problems.add('cluster', name, 'is not a cluster of the fleet', `use one of ${quote(clusters.map((c) => c.name))}, or declare it in clusters`);
  throw new MeshlightValidationError(problems.list);
}

/**
 * The clusters of a GitOpsDelivery for exactly the fleet's clusters, each with its destination. Throws
 * MeshlightValidationError, naming `path`, when a cluster has no destination, a destination names no cluster, or a
 * cluster's folder would be the delivery's own.
 */
export function fleetGitOpsClusters(clusters: readonly FleetCluster[], destinations: Readonly<Record<string, FleetDestination>>, path: string): GitOpsClusterProps[] {
  const problems = new ProblemCollector(path);
  const given: unknown = destinations;
  if (!isRecord(given)) {
    problems.add('destinations', given, 'is not a destination per cluster', 'use an object such as { "eu-1": { server: "https://eu-1.example.com:6443" } }');
    problems.throwIfAny();
  }
  const byName = given as Record<string, unknown>;
  const names = clusters.map((c) => c.name);
  for (const key of Object.keys(byName)) {
    if (!names.includes(key)) {
      problems.add(`destinations.${key}`, byName[key], 'is the destination of no cluster of the fleet', `name one of ${quote(names)}`);
    }
  }
  for (const cluster of clusters) {
    if (byName[cluster.name] === undefined) {
      problems.add(`destinations.${cluster.name}`, undefined, 'is missing: Argo CD would not know where to sync the cluster', 'give { server: "<API URL>" } or { destinationName: "<name in argocd cluster list>" }');
    }
    if (cluster.name === FLEET_DELIVERY_FOLDER) {
      problems.add(`destinations.${cluster.name}`, cluster.name, `names a cluster whose folder is the one the Argo CD objects go to, ${FLEET_DELIVERY_FOLDER}`, 'rename the cluster, such as "argocd-hub"');
    }
  }
  problems.throwIfAny();
  return clusters.map((c) => ({ name: c.name, ...(byName[c.name] as FleetDestination) }));
}

/** Throws MeshlightValidationError, naming `path`: a fleet is delivered by one set of Argo CD objects. */
export function refuseSecondFleetDelivery(path: string): never {
  const problems = new ProblemCollector(path);
  problems.add('delivery', FLEET_DELIVERY_FOLDER, 'is declared a second time, and the fleet\'s Argo CD objects go to one folder', 'call fleet.delivery() once, with every option');
  throw new MeshlightValidationError(problems.list);
}
