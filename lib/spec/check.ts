// Checking a spec with core alone, before a front end declares anything: every document's props, its calls and
// allow-lists, and the whole-app checks over what they render. So one run reports the problems of every document, and
// a front end that cannot take back what it declared (Pulumi registers as it goes) declares nothing when any is found.
import {
  allowEgressAs, allowListObject, AppObject, appProblems, CallProps, DeclaredWorkload, EgressAllowListProps, FleetCluster, formatProblem,
  GrayscaleServiceProps, HasIdentity, HasIngressCaller, Manifest, MeshIngressProps, renderEgressAllowList, renderGrayscaleService,
  renderMeshIngress, WorkloadIdentity, ZeroTrustNamespaceDeclaration, ZeroTrustNamespaceProps,
} from '../core/internal';
import { declareSpec, inReadingOrder, SpecDeclarer } from './declare';
import { problemAt, readSpecDocuments, ReadSpec, SpecLocation, SpecSource } from './documents';
import { SpecError, SpecProblem } from './errors';
import { documentsOfCluster, fleetOfSpec, SpecFleet } from './fleet';

/** What core makes of a document: what it renders, and what later documents may refer to. */
class Checked {
  public constructor(
    public readonly path: string,
    public readonly parts: {
      readonly manifests?: readonly Manifest[];
      readonly declaredWorkloads?: readonly WorkloadIdentity[];
      /** A GrayscaleService: what a call, an allow-list or an ingress route needs of it. */
      readonly service?: HasIdentity;
      /** A MeshIngress: its gateway as a caller. */
      readonly ingress?: HasIngressCaller;
      /** A ZeroTrustNamespace: its declaration, which takes calls and allow-lists. */
      readonly namespace?: ZeroTrustNamespaceDeclaration;
    },
  ) {}
}

/** What a call, a route or an allow-list is given for a reference: the service or ingress of a checked document. */
function referenced(value: unknown): unknown {
  return value instanceof Checked ? value.parts.service ?? value.parts.ingress ?? value.parts.namespace : value;
}

/**
 * Every problem of the documents `read` holds (besides those `read` found), found with core's render functions:
 * props, references, calls, allow-lists given to a namespace, and the whole-app checks (two services for one host, a
 * call to a workload that selects no pods, ...). `pathOf` is the path each front end gives a document's construct, so
 * that the texts are those it would give.
 */
export function checkSpec(read: ReadSpec, pathOf: (name: string) => string): SpecProblem[] {
  const checked = declareSpec(read, coreDeclarer(pathOf), pathOf);
  if (checked.problems.length > 0) return [...checked.problems];
  const objects: AppObject[] = [];
  const declared: DeclaredWorkload[] = [];
  const locations = new Map<string, SpecLocation>();
  for (const { document, construct } of checked.declared.values()) {
    locations.set(construct.path, document.location);
    const rendered = construct.parts.namespace?.render() ?? construct.parts;
    (rendered.manifests ?? []).forEach((manifest) => objects.push({ path: construct.path, manifest }));
    (rendered.declaredWorkloads ?? []).forEach((identity) => declared.push({ path: construct.path, identity }));
  }
  const first = [...locations.values()][0];
  return appProblems(objects, declared).map((p) => problemAt(locations.get(p.path) ?? first, p.field, formatProblem(p)));
}

/** Core's declarer: each construct rendered (and so checked) as the front ends render it, nothing kept beyond that. */
function coreDeclarer(pathOf: (name: string) => string): SpecDeclarer<Checked> {
  return {
    declare(document, props): Checked {
      const path = pathOf(document.name);
      const context = { path, defaultName: document.name };
      switch (document.kind) {
        case 'GrayscaleService': {
          const rendered = renderGrayscaleService(props as unknown as GrayscaleServiceProps, context);
          return new Checked(path, { manifests: rendered.manifests, declaredWorkloads: rendered.declaredWorkloads, service: rendered });
        }
        case 'ZeroTrustNamespace':
          return new Checked(path, { namespace: new ZeroTrustNamespaceDeclaration(props as ZeroTrustNamespaceProps, context) });
        case 'MeshIngress': {
          const routes = Array.isArray(props.routes) ? props.routes.map((r: Record<string, unknown>) => ({ ...r, service: referenced(r.service) })) : props.routes;
          const rendered = renderMeshIngress({ ...props, routes } as unknown as MeshIngressProps, context);
          return new Checked(path, { manifests: rendered.manifests, ingress: { ingressCaller: rendered.caller } });
        }
        case 'EgressAllowList': {
          const { namespace, ...list } = allowListObject<Record<string, unknown>>(
            props.workload === undefined ? props : { ...props, workload: referenced(props.workload) }, { path });
          if (namespace instanceof Checked) {
            const owner = namespace.parts.namespace!;
            allowEgressAs(path, () => owner.allowEgress(list as unknown as EgressAllowListProps, path));
            return new Checked(path, {});
          }
          const rendered = renderEgressAllowList({ ...list, namespace } as EgressAllowListProps, { path });
          return new Checked(path, { manifests: rendered.manifests });
        }
      }
    },
    allow(namespace, from, to, options): void {
      namespace.parts.namespace!.allow({ ...options, from: referenced(from), to: referenced(to) } as CallProps);
    },
  };
}

/** The problems of reading and checking a spec, in reading order. */
export function specProblems(read: ReadSpec, files: readonly string[], pathOf: (name: string) => string): SpecProblem[] {
  return inReadingOrder([...read.problems, ...checkSpec(read, pathOf)], files);
}

/** A spec read and checked: the documents of one app, or of each cluster of its fleet. */
export type CheckedSpec =
  | { readonly fleet?: undefined; readonly read: ReadSpec }
  | { readonly fleet: SpecFleet; readonly clusters: readonly { readonly cluster: FleetCluster; readonly read: ReadSpec }[] };

/**
 * Reads and checks spec sources for a front end: every problem of every document (in each cluster, with a Fleet),
 * thrown as one SpecError in reading order, before anything is declared. `pathOf` is the path the front end gives a
 * document's construct, in a cluster of the fleet or in the one app.
 */
export function checkedSpec(sources: readonly SpecSource[], pathOf: (name: string, cluster?: FleetCluster) => string): CheckedSpec {
  const files = sources.map((source) => source.file);
  const read = readSpecDocuments(sources);
  const { fleet, problems } = fleetOfSpec(read);
  // An invalid Fleet leaves the documents' cluster values unknown: they are checked once it is mended.
  if (fleet === undefined && read.documents.some((d) => d.kind === 'Fleet')) throw new SpecError(inReadingOrder([...read.problems, ...problems], files));
  if (fleet === undefined) {
    const all = specProblems({ ...read, problems: [...read.problems, ...problems] }, files, (name) => pathOf(name));
    if (all.length > 0) throw new SpecError(all);
    return { read };
  }
  const clusters = fleet.plan.clusters.map((cluster) => ({ cluster, read: documentsOfCluster(read, fleet, cluster) }));
  const all = [
    ...problems,
    ...clusters.flatMap(({ cluster, read: ofCluster }) => [...ofCluster.problems, ...checkSpec(ofCluster, (name) => pathOf(name, cluster))]),
  ];
  if (all.length > 0) throw new SpecError(inReadingOrder(unique(all), files));
  return { fleet, clusters };
}

/** Problems without repeats: a header problem is in every cluster's documents, and reported once. */
function unique(problems: readonly SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.col}:${p.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}
