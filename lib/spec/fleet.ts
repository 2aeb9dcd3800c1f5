// A spec with a Fleet document: the other documents are declared in every cluster of the fleet, each with the
// overlays that select the cluster merged in and its `$(cluster.<field>)` references filled in.
import {
  FleetCluster, FleetDocumentProps, FleetPlan, formatProblem, MeshlightValidationError, planFleet, quote, remoteClustersOf,
} from '../core/internal';
import { isConstructDocument } from './declare';
import { problemAt, ReadSpec, SpecDocument, SpecOverlay } from './documents';
import { SpecProblem } from './errors';
import { referencesIn, substitute, UnknownReference } from './substitution';

/** The Fleet document of a spec, and its fleet validated. */
export interface SpecFleet {
  readonly document: SpecDocument;
  readonly props: FleetDocumentProps;
  readonly plan: FleetPlan;
}

/** What a spec holds besides its constructs: its fleet, if any, and the problems of the Fleet and of the overlays. */
export interface FleetOfSpec {
  readonly fleet?: SpecFleet;
  readonly problems: readonly SpecProblem[];
}

/** The fields of a Fleet document besides a fleet's own, which the front ends act on. */
const DOCUMENT_ONLY_FIELDS = ['delivery', 'crossClusterCalls'];

/**
 * The spec's Fleet, validated, when it has one (at most one). Without one, an overlay or a `$(cluster.<field>)` is a
 * problem: only a fleet's clusters give them a meaning. With one, overlays must name the fleet's clusters and regions.
 */
export function fleetOfSpec(read: ReadSpec): FleetOfSpec {
  const fleets = read.documents.filter((d) => d.kind === 'Fleet');
  const problems: SpecProblem[] = [];
  for (const extra of fleets.slice(1)) {
    problems.push(problemAt(extra.location, '', `${extra.name}: is a second Fleet document (the first is ${fleets[0].name}). Fix: declare the clusters of a spec in one Fleet document`));
  }
  const document = fleets[0];
  if (document === undefined) {
    // A Fleet document with problems of its own is not among the documents: no fleet is not yet known.
    if (read.problems.length > 0) return { problems };
    for (const d of read.documents) {
      if (d.overlays !== undefined) {
        problems.push(problemAt(d.location, '', `${d.name}: overlays: change a document per cluster, and the spec declares no Fleet. Fix: add a Fleet document with the clusters, or write the changes into spec`));
      }
      for (const r of referencesIn(d.spec, '')) {
        problems.push(problemAt(d.location, r.field, `${d.name}: ${r.field} = ${quote(r.value)}: names a value of a fleet's cluster, and the spec declares no Fleet. Fix: add a Fleet document with the clusters, or write the value itself`));
      }
    }
    return { problems };
  }
  const props = document.spec as unknown as FleetDocumentProps;
  let plan: FleetPlan;
  try {
    plan = planFleet(props, document.name, DOCUMENT_ONLY_FIELDS);
  } catch (e) {
    if (!(e instanceof MeshlightValidationError)) throw e;
    return { problems: [...problems, ...e.problems.map((p) => problemAt(document.location, p.field, formatProblem(p)))] };
  }
  if (props.crossClusterCalls !== undefined && typeof props.crossClusterCalls !== 'boolean') {
    problems.push(problemAt(document.location, 'crossClusterCalls', `${document.name}: crossClusterCalls = ${quote(props.crossClusterCalls)}: is not true or false. Fix: write true to admit calls from the other clusters, or leave it out`));
  }
  const names = plan.clusters.map((c) => c.name);
  const regions = [...new Set(plan.clusters.map((c) => c.region))];
  for (const d of read.documents) {
    (d.overlays ?? []).forEach((overlay) => {
      for (const [key, known] of [['clusters', names], ['regions', regions]] as const) {
        (overlay.when[key] ?? []).forEach((value, i) => {
          if (known.includes(value)) return;
          problems.push(problemAt(d.location, '', `${d.name}: ${overlay.field}.when.${key}[${i}] = ${quote(value)}: is not one of the fleet's ${key}. Fix: use one of ${quote(known)}`));
        });
      }
    });
  }
  return { fleet: { document, props, plan }, problems };
}

/** Whether `overlay` applies to `cluster`: every field of its `when` matches. */
function applies(overlay: SpecOverlay, cluster: FleetCluster): boolean {
  const { clusters, regions, released } = overlay.when;
  return (clusters === undefined || clusters.includes(cluster.name))
    && (regions === undefined || regions.includes(cluster.region))
    && (released === undefined || released === cluster.released);
}

/** `patch` merged over `target` as a JSON merge patch (RFC 7386). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const merged: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    // Defined, not assigned: a key `__proto__` is a key like any other, not the object's prototype.
    if (value === null) delete merged[key];
    else Object.defineProperty(merged, key, { value: mergePatch(Object.hasOwn(merged, key) ? merged[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/**
 * The documents of one cluster of `fleet`: each construct's document with the overlays that select the cluster merged
 * in (in order) and its references filled in; a ZeroTrustNamespace gets `remoteClusters` from the fleet with
 * `crossClusterCalls` (unless it gives its own). Problems are those of references that name nothing of the cluster.
 */
export function documentsOfCluster(read: ReadSpec, fleet: SpecFleet, cluster: FleetCluster): ReadSpec {
  const documents: SpecDocument[] = [];
  const problems: SpecProblem[] = [];
  const withheld = new Set(read.withheld);
  for (const d of read.documents) {
    if (!isConstructDocument(d)) continue;
    const applied = (d.overlays ?? []).filter((o) => applies(o, cluster));
    const merged = applied.reduce<unknown>((spec, o) => mergePatch(spec, o.spec), d.spec) as Record<string, unknown>;
    const unknown: UnknownReference[] = [];
    let spec = substitute(merged, cluster, '', unknown) as Record<string, unknown>;
    const location = applied.length === 0 ? d.location : { ...d.location, overlays: applied.map((o) => o.node) };
    for (const u of unknown) {
      problems.push(problemAt(location, u.field, `${cluster.name}/${d.name}: ${u.field} = ${quote(u.value)}: ${u.reference} names nothing of cluster ${cluster.name}. Fix: use $(cluster.name), $(cluster.region), $(cluster.network), $(cluster.wave), $(cluster.released) or $(cluster.values.<key>) with a key every cluster's values give`));
    }
    if (unknown.length > 0) {
      withheld.add(d.name);
      continue;
    }
    if (d.kind === 'ZeroTrustNamespace' && fleet.props.crossClusterCalls === true && spec.remoteClusters === undefined) {
      try {
        const remote = remoteClustersOf(fleet.plan.clusters, cluster.name, fleet.document.name);
        if (remote !== undefined) spec = { ...spec, remoteClusters: remote };
      } catch (e) {
        if (!(e instanceof MeshlightValidationError)) throw e;
        problems.push(...e.problems.map((p) => problemAt(fleet.document.location, p.field, formatProblem(p))));
        withheld.add(d.name);
        continue;
      }
    }
    documents.push({ ...d, spec, location });
  }
  return { documents, problems: [...read.problems, ...problems], withheld };
}
