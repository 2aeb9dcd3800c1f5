import { planCidrs } from './cidr';
import { MeshlightValidationError, ProblemCollector, quote } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { GitOpsClusterProps, GitOpsDeliveryProps } from './gitops';
import { isDnsLabel, isDnsSubdomain, isLabelValue } from './names';
import { RemoteClustersProps } from './zero-trust-namespace/props';

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
  /**
   * The cluster's pod address ranges (CIDRs): what the clusters on its network admit of it (`remoteClustersOf`).
   * @default []
   */
  readonly podCidrs?: readonly string[];
  /**
   * Addresses (CIDRs) of the cluster's east-west gateway: where the clusters on other networks reach it
   * (`remoteClustersOf`).
   * @default []
   */
  readonly eastWestGatewayAddresses?: readonly string[];
  /**
   * Values of your own that differ per cluster, such as a replica count or a registry: code reads them as
   * `cluster.values`, spec documents as `$(cluster.values.<key>)`. Keys are names (letters, digits, `_`, `-`).
   * @default {}
   */
  readonly values?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One wave of a release across the fleet: the clusters that get the release together, after the waves before it.
 * A wave that names neither regions nor clusters is every cluster not in an earlier wave, and comes last.
 */
export interface FleetWaveProps {
  /** The wave's name, such as `canary`: a DNS label. */
  readonly name: string;
  /**
   * The regions whose clusters are in this wave.
   * @default []
   */
  readonly regions?: readonly string[];
  /**
   * Clusters in this wave by name, beside those of its regions.
   * @default []
   */
  readonly clusters?: readonly string[];
}

/** What a fleet is, whatever writes it: its clusters and, for a release in waves, the waves and the current one. */
export interface FleetSpecProps {
  /** The clusters, in the order their output is written. */
  readonly clusters: readonly FleetClusterProps[];
  /**
   * A release across the fleet as ordered waves, each cluster in exactly one. With waves, each cluster's values say
   * whether the release has reached it (`released`), and the code gives it the new or the old.
   * @default - no waves: every cluster is released
   */
  readonly waves?: readonly FleetWaveProps[];
  /**
   * The wave the release has reached: its clusters and those of the waves before it are released. Required with
   * `waves`; moving it to the next wave, in one commit, is the next step of the release.
   * @default - none: only without waves
   */
  readonly wave?: string;
}

/**
 * Props of a fleet's Argo CD delivery: those of a GitOpsDelivery, with the clusters being the fleet's and a
 * destination for each.
 */
export interface FleetDeliveryProps extends Omit<GitOpsDeliveryProps, 'clusters' | 'path'> {
  /** Where Argo CD syncs each cluster's folder, by cluster name: every cluster of the fleet, and only those. */
  readonly destinations: Readonly<Record<string, FleetDestination>>;
  /**
   * Folder of the Git repository holding the clusters' folders (Application `spec.source.path` is `<path>/<cluster>`).
   * @default - the fleet's outdir, as written
   */
  readonly path?: string;
}

/** A fleet as a spec's Fleet document gives it: what the Fleet construct takes, and what it is asked to do. */
export interface FleetDocumentProps extends FleetSpecProps {
  /**
   * Argo CD objects that sync each cluster's folder to its cluster, written to `<outdir>/argocd` (the Fleet's
   * `delivery()`).
   * @default - none
   */
  readonly delivery?: FleetDeliveryProps;
  /**
   * Whether each ZeroTrustNamespace admits the calls it declares from the same workloads in the fleet's other clusters
   * too, the fleet being one mesh: the namespaces get `remoteClusters` from the fleet (`remoteClustersOf`), unless
   * they give their own. Wider than a cluster alone, so it is asked for by name.
   * @default false
   */
  readonly crossClusterCalls?: boolean;
}

/** A cluster of a fleet, validated: every optional list resolved, and where the release stands for it. */
export interface FleetCluster {
  readonly name: string;
  readonly region: string;
  readonly zones: readonly string[];
  readonly network?: string;
  readonly trustDomain?: string;
  readonly podCidrs: readonly string[];
  readonly eastWestGatewayAddresses: readonly string[];
  /** The cluster's values of your own (FleetClusterProps.values). */
  readonly values: Readonly<Record<string, string | number | boolean>>;
  /** The wave of the release the cluster is in; none without waves. */
  readonly wave?: string;
  /** Whether the release has reached the cluster: its wave is the current one or before it (always, without waves). */
  readonly released: boolean;
}

/** A wave of a release, validated: the clusters it holds, by name, in the fleet's order. */
export interface FleetWave {
  readonly name: string;
  readonly clusters: readonly string[];
}

/** A fleet, validated. */
export interface FleetPlan {
  readonly clusters: readonly FleetCluster[];
  /** The waves, in order; none without them. */
  readonly waves: readonly FleetWave[];
  /** The current wave; none without waves. */
  readonly wave?: string;
}

/** Where Argo CD sends one cluster's folder: the API server's URL, or the cluster's name in Argo CD. */
export type FleetDestination = { readonly server: string } | { readonly destinationName: string };

/** The folder, beside the clusters' folders, that holds a fleet's Argo CD objects. */
export const FLEET_DELIVERY_FOLDER = 'argocd';

const CLUSTER_FIELDS = fieldsOf<FleetClusterProps>({
  name: true, region: true, zones: true, network: true, trustDomain: true, podCidrs: true, eastWestGatewayAddresses: true, values: true,
});

/** A key of a cluster's values: what `$(cluster.values.<key>)` can spell. */
const VALUE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function planClusterOwnValues(problems: ProblemCollector, field: string, values: unknown): Record<string, string | number | boolean> {
  if (values === undefined) return {};
  if (!isRecord(values)) {
    problems.add(field, values, 'is not a map of values', 'write the cluster\'s values as key: value, such as { replicas: 3, registry: "registry.eu.example.com" }');
    return {};
  }
  for (const [key, value] of Object.entries(values)) {
    if (!VALUE_KEY.test(key)) {
      problems.add(`${field}[${JSON.stringify(key)}]`, key, 'is not a name of a value', 'use letters, digits, "_" and "-", starting with a letter or "_", such as "replicas"');
    } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      problems.add(`${field}.${key}`, value, 'is not a string, a number or a boolean', 'give each value as one string, number or boolean; derive lists in code or write them in the spec');
    }
  }
  return { ...values } as Record<string, string | number | boolean>;
}

type ClusterValues = Omit<FleetCluster, 'wave' | 'released'>;

function planFleetCluster(problems: ProblemCollector, field: string, raw: unknown): ClusterValues | undefined {
  if (!isRecord(raw)) {
    problems.add(field, raw, 'is not a cluster of the fleet', 'use an object such as { name: "eu-1", region: "europe-west1" }');
    return undefined;
  }
  checkKnownFields(problems, field, raw, CLUSTER_FIELDS, 'a cluster of the fleet');
  const before = problems.count;
  const { name, region, zones, network, trustDomain, podCidrs, eastWestGatewayAddresses, values } = raw;
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
  const ranges = (key: string, value: unknown): string[] => (value === undefined ? [] : planCidrs(problems, `${field}.${key}`, value, 'address ranges'));
  const cidrs = { podCidrs: ranges('podCidrs', podCidrs), eastWestGatewayAddresses: ranges('eastWestGatewayAddresses', eastWestGatewayAddresses) };
  const own = planClusterOwnValues(problems, `${field}.values`, values);
  if (problems.count > before) return undefined;
  return {
    ...cidrs, values: own,
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
  return planFleet({ clusters }, path).clusters as FleetCluster[];
}

const SPEC_FIELDS = fieldsOf<FleetSpecProps>({ clusters: true, waves: true, wave: true });

/**
 * Validates a fleet: its clusters, in the order given, and its waves. Throws MeshlightValidationError, naming `path`,
 * on a bad or repeated cluster, a wave that names an unknown region or cluster or none at all, a cluster in two waves
 * or in none, or a current wave that is missing or names no wave.
 */
export function planFleet(props: FleetSpecProps, path: string, known: readonly string[] = []): FleetPlan {
  const problems = new ProblemCollector(path);
  if (isRecord(props)) checkKnownFields(problems, '', props, [...SPEC_FIELDS, ...known], 'a fleet');
  const clusters = planClusterValues(problems, props?.clusters);
  const { waves, wave } = planWaves(problems, clusters, props?.waves, props?.wave);
  problems.throwIfAny();
  const reached = waves.slice(0, waves.findIndex((w) => w.name === wave) + 1).flatMap((w) => w.clusters);
  const waveOf = new Map(waves.flatMap((w) => w.clusters.map((c) => [c, w.name] as const)));
  return {
    clusters: clusters.map((c) => ({
      ...c, ...(waveOf.has(c.name) ? { wave: waveOf.get(c.name) } : {}), released: waves.length === 0 || reached.includes(c.name),
    })),
    waves,
    ...(wave === undefined ? {} : { wave }),
  };
}

function planClusterValues(problems: ProblemCollector, clusters: unknown): ClusterValues[] {
  const raw: unknown = clusters;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('clusters', raw, 'lists no clusters', 'list at least one, such as [{ name: "eu-1", region: "europe-west1" }]');
    problems.throwIfAny();
  }
  const planned: ClusterValues[] = [];
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
  return planned;
}

const WAVE_FIELDS = fieldsOf<FleetWaveProps>({ name: true, regions: true, clusters: true });

/** The waves, each with its clusters in the fleet's order, and the current wave; problems added to `problems`. */
function planWaves(problems: ProblemCollector, clusters: readonly ClusterValues[], raw: unknown, wave: unknown): { waves: FleetWave[]; wave?: string } {
  if (raw === undefined) {
    if (wave !== undefined) problems.add('wave', wave, 'names a wave, but the fleet declares none', 'declare the release\'s waves in waves, or leave wave out');
    return { waves: [] };
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('waves', raw, 'lists no waves', 'list them in order, such as [{ name: "canary", regions: ["europe-west1"] }, { name: "rest" }]');
    return { waves: [] };
  }
  const start = problems.count;
  const names = clusters.map((c) => c.name);
  const regions = [...new Set(clusters.map((c) => c.region))];
  const placed = new Map<string, string>();
  const waves: FleetWave[] = [];
  raw.forEach((entry: unknown, i: number) => {
    const field = `waves[${i}]`;
    if (!isRecord(entry)) {
      problems.add(field, entry, 'is not a wave', 'use an object such as { name: "canary", regions: ["europe-west1"] }');
      return;
    }
    checkKnownFields(problems, field, entry, WAVE_FIELDS, 'a wave');
    const name = entry.name;
    if (typeof name !== 'string' || !isDnsLabel(name)) {
      problems.add(`${field}.name`, name, 'is not a DNS label', 'use lower-case letters, digits and "-", such as "canary"');
      return;
    }
    if (waves.some((w) => w.name === name)) {
      problems.add(`${field}.name`, name, `names the same wave as waves[${waves.findIndex((w) => w.name === name)}]`, 'give each wave its own name');
      return;
    }
    const inWave = new Set<string>();
    const before = problems.count;
    const given = { regions: entry.regions, clusters: entry.clusters };
    for (const [key, list] of Object.entries(given)) {
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        problems.add(`${field}.${key}`, list, `is not a list of ${key}`, `list the wave's ${key}, such as [${quote(key === 'regions' ? regions[0] : names[0])}]`);
        continue;
      }
      list.forEach((value: unknown, j: number) => {
        const known = key === 'regions' ? regions : names;
        if (typeof value !== 'string' || !known.includes(value)) {
          problems.add(`${field}.${key}[${j}]`, value, key === 'regions' ? 'is the region of no cluster of the fleet' : 'is not a cluster of the fleet', `use one of ${quote(known)}`);
          return;
        }
        for (const c of clusters) if (key === 'regions' ? c.region === value : c.name === value) inWave.add(c.name);
      });
    }
    const rest = given.regions === undefined && given.clusters === undefined;
    if (rest && i !== raw.length - 1) {
      problems.add(field, entry, 'names neither regions nor clusters, so it is every cluster not in an earlier wave, and only the last wave can be', 'give it regions or clusters, or move it last');
      return;
    }
    const held = rest ? names.filter((n) => !placed.has(n)) : names.filter((n) => inWave.has(n));
    for (const cluster of held) {
      const earlier = placed.get(cluster);
      if (earlier !== undefined) {
        problems.add(field, name, `takes cluster ${quote(cluster)}, which wave ${quote(earlier)} takes already`, 'put each cluster in one wave only');
      }
    }
    if (held.length === 0 && problems.count === before) {
      problems.add(field, name, rest ? 'holds no cluster: every cluster is in an earlier wave' : 'holds no cluster', 'drop the wave, or give it regions or clusters of the fleet');
    }
    for (const cluster of held) if (!placed.has(cluster)) placed.set(cluster, name);
    waves.push({ name, clusters: held });
  });
  const unplaced = names.filter((n) => !placed.has(n));
  if (problems.count > start) return { waves };
  if (unplaced.length > 0) {
    problems.add('waves', waves.map((w) => w.name), `leave clusters ${quote(unplaced)} out, so the release would never reach them`, 'put each cluster in a wave, or end with a wave that names neither regions nor clusters: the rest');
  }
  if (wave === undefined || !waves.some((w) => w.name === wave)) {
    problems.add('wave', wave, wave === undefined ? 'is missing: with waves, the release has reached one of them' : 'is not a wave of the fleet', `name the wave the release has reached, one of ${quote(waves.map((w) => w.name))}`);
    return { waves };
  }
  return { waves, wave: wave as string };
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
  const byName = valuePerCluster(problems, clusters, 'destinations', destinations, {
    example: '{ "eu-1": { server: "https://eu-1.example.com:6443" } }',
    missing: 'is missing: Argo CD would not know where to sync the cluster',
    fix: 'give { server: "<API URL>" } or { destinationName: "<name in argocd cluster list>" }',
  });
  for (const cluster of clusters) {
    if (cluster.name === FLEET_DELIVERY_FOLDER) {
      problems.add(`destinations.${cluster.name}`, cluster.name, `names a cluster whose folder is the one the Argo CD objects go to, ${FLEET_DELIVERY_FOLDER}`, 'rename the cluster, such as "argocd-hub"');
    }
  }
  problems.throwIfAny();
  return clusters.map((c) => ({ name: c.name, ...(byName[c.name] as FleetDestination) }));
}

/**
 * `given`, a value per cluster by name, checked to name every cluster of the fleet and no other; problems are added
 * under `field`. Returns the values as a plain record.
 */
export function valuePerCluster(
  problems: ProblemCollector, clusters: readonly FleetCluster[], field: string, given: unknown,
  say: { readonly example: string; readonly missing: string; readonly fix: string },
): Readonly<Record<string, unknown>> {
  if (!isRecord(given)) {
    problems.add(field, given, 'is not a value per cluster', `use an object by cluster name, such as ${say.example}`);
    return {};
  }
  const names = clusters.map((c) => c.name);
  for (const key of Object.keys(given)) {
    if (!names.includes(key)) problems.add(`${field}.${key}`, given[key], 'is for no cluster of the fleet', `name one of ${quote(names)}`);
  }
  for (const name of names) {
    if (given[name] === undefined) problems.add(`${field}.${name}`, undefined, say.missing, say.fix);
  }
  return given;
}

/**
 * What a ZeroTrustNamespace in cluster `name` admits of the fleet's other clusters, taken as one mesh: the pod ranges
 * of the clusters on its network, and the east-west gateways of those on others. Undefined for a fleet of one cluster.
 * Throws MeshlightValidationError, naming `path`, when a peer lacks the addresses its network model needs.
 */
export function remoteClustersOf(clusters: readonly FleetCluster[], name: string, path: string): RemoteClustersProps | undefined {
  const self = fleetClusterNamed(clusters, name, path);
  const problems = new ProblemCollector(path);
  const peers = clusters.map((c, i) => [c, i] as const).filter(([c]) => c.name !== self.name);
  const sameNetwork = peers.filter(([c]) => c.network === self.network);
  const otherNetworks = peers.filter(([c]) => c.network !== self.network);
  for (const [c, i] of sameNetwork) {
    if (c.podCidrs.length === 0) {
      problems.add(`clusters[${i}].podCidrs`, c.podCidrs, `are not given, so cluster ${quote(self.name)}, on the same network, could not admit its pods`, 'list the cluster\'s pod address ranges, such as ["10.8.0.0/14"]');
    }
  }
  for (const [c, i] of otherNetworks) {
    if (c.eastWestGatewayAddresses.length === 0) {
      problems.add(`clusters[${i}].eastWestGatewayAddresses`, c.eastWestGatewayAddresses, `are not given, so cluster ${quote(self.name)}, on another network, could not reach it`, 'list the addresses of the cluster\'s east-west gateway, such as ["203.0.113.10/32"]');
    }
  }
  problems.throwIfAny();
  if (peers.length === 0) return undefined;
  return {
    podCidrs: sameNetwork.flatMap(([c]) => c.podCidrs),
    ...(otherNetworks.length === 0 ? {} : { eastWestGateway: { remoteAddresses: otherNetworks.flatMap(([c]) => c.eastWestGatewayAddresses) } }),
  };
}

/** Throws MeshlightValidationError, naming `path`: a fleet is delivered by one set of Argo CD objects. */
export function refuseSecondFleetDelivery(path: string): never {
  const problems = new ProblemCollector(path);
  problems.add('delivery', FLEET_DELIVERY_FOLDER, 'is declared a second time, and the fleet\'s Argo CD objects go to one folder', 'call fleet.delivery() once, with every option');
  throw new MeshlightValidationError(problems.list);
}
