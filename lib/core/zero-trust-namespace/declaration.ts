// The incremental declaration of a ZeroTrustNamespace: props, then calls and allow-lists one at a time, each checked
// against what came before, with the name bookkeeping that keeps two objects from taking one name. Which objects
// exist and what they are called comes from the list of objects (objects.ts).
import { EgressAllowListProps, egressKey, EgressPlan, HostPlan, workloadListKey } from '../egress-allow-list';
import { ProblemCollector, quote, RenderContext } from '../errors';
import { Manifest } from '../manifest';
import { WorkloadIdentity } from '../workload';
import {
  allowListOwner, callOwner, declaredOwner, NAMESPACE_OWNER, NamespaceObject, objectKey, objectsOf, Owner, renderObject,
  SidecarWorkload, wholeNamespace,
} from './objects';
import { CallPlan, HostRoute, mergeExternalHosts, NamespacePlan, planCall, planEgress, planZeroTrust, ZeroTrustPlan } from './plan';
import { CallProps, ZeroTrustNamespaceProps } from './props';
import { RenderScope, WAYPOINT } from './render';

/** Calls and allow-lists planned as an addition to a declaration, with what they add to its indexes. */
interface Addition {
  readonly calls: readonly CallPlan[];
  readonly callIndex: ReadonlyMap<string, number>;
  /** Workloads of the namespace that the calls name and the declaration did not know yet. */
  readonly known: ReadonlyMap<string, WorkloadIdentity>;
  readonly egress: readonly EgressPlan[];
  readonly egressIndex: ReadonlyMap<string, number>;
  /** Workloads that get a Sidecar of their own through the addition, and the call or allow-list that brings each. */
  readonly sidecarWorkloads: ReadonlyMap<string, SidecarWorkload>;
  readonly externalHosts: ReadonlyMap<string, HostPlan>;
  readonly hostRoutes: ReadonlyMap<string, HostRoute>;
}

/** Who calls whom: the caller's identity and the target's, not the names objects are made of, which can coincide. */
const callKey = (call: CallPlan): string => `${call.from.key} -> ${call.to.namespace}/${call.to.name}`;

/**
 * A ZeroTrustNamespace being declared: its props, then calls and allow-lists one at a time, as the front ends'
 * `allow()` and `allowEgress()` add them. Each addition is checked against what came before in time proportional to
 * the addition, not to the namespace, and reports exactly the problems rendering the whole namespace would; a
 * rejected addition leaves the declaration as it was. Objects are rendered on demand, once per change.
 */
export class ZeroTrustNamespaceDeclaration {
  /** The namespace's name. */
  public readonly name: string;
  private readonly path: string;
  private readonly settings: NamespacePlan;
  private readonly calls: CallPlan[] = [];
  private readonly egress: EgressPlan[] = [];
  /** Every workload the namespace knows: declared ones, and those of this namespace that calls name. */
  private readonly known: Map<string, WorkloadIdentity>;
  private knownList?: readonly WorkloadIdentity[];
  /** Every workload with a Sidecar of its own (with proxy scope), and what brought it. */
  private readonly sidecarWorkloads: Map<string, SidecarWorkload>;
  private readonly externalHosts = new Map<string, HostPlan>();
  /** How the first allow-list of each host sends it out. */
  private readonly hostRoutes = new Map<string, HostRoute>();
  /** The scope of each allow-list (egressKey), and whether one of its lists goes through the egress gateway. */
  private readonly scopes = new Map<string, boolean>();
  /** Position of the first call of each caller and target, and of the allow-list of each scope. */
  private readonly callIndex = new Map<string, number>();
  private readonly egressIndex = new Map<string, number>();
  /** Where allow-lists added with allowEgress were declared, by position in egress. */
  private readonly egressSources = new Map<number, string>();
  /** `kind/namespace/name` of every object and what brought it, so that no two get the same name. */
  private readonly objectKeys = new Map<string, Owner>();
  /** Each gateway route object as JSON: allow-lists that route one host through the gateway share its objects. */
  private readonly gatewayRoutes = new Map<string, string>();
  private rendered?: RenderedZeroTrustNamespace;

  /** Validates the props; throws MeshlightValidationError, listing every problem, when they are invalid. */
  public constructor(props: ZeroTrustNamespaceProps, context: RenderContext) {
    this.path = context.path;
    const problems = new ProblemCollector(context.path);
    const { plan, calls, egress } = planZeroTrust(problems, props, context);
    this.settings = plan;
    this.name = plan.name;
    this.known = new Map(plan.declared.map((w) => [w.name, w]));
    this.sidecarWorkloads = new Map(plan.declared.map((w, j) => [w.name, { workload: w, owner: declaredOwner(j) }]));
    const addition = this.plan(problems, calls, egress);
    problems.throwIfAny();
    // The namespace's own objects (those it has before any call or allow-list) come first in each kind's output
    // order, so they keep their names.
    const own = objectsOf(plan, wholeNamespace(this.planSoFar()));
    for (const [key, owner] of claimNames(problems, own, this.objectKeys)) this.objectKeys.set(key, owner);
    this.accept(problems, addition);
  }

  /** Adds a call; throws MeshlightValidationError, changing nothing, when it is invalid. */
  public allow(call: CallProps): void {
    this.add([call], undefined);
  }

  /**
   * Adds an allow-list; throws MeshlightValidationError, changing nothing, when it is invalid or clashes. `source`
   * names where it was declared (an EgressAllowList's construct path), for the problems of lists that come after it.
   */
  public allowEgress(list: EgressAllowListProps, source?: string): void {
    const index = this.egress.length;
    this.add([], [list]);
    if (source !== undefined) this.egressSources.set(index, source);
  }

  /** Every object, in output order (see RenderedZeroTrustNamespace). */
  public render(): RenderedZeroTrustNamespace {
    this.rendered ??= renderPlan(this.planSoFar());
    return this.rendered;
  }

  /** The namespace as declared so far. */
  private planSoFar(): ZeroTrustPlan {
    return { ...this.settings, calls: this.calls, egress: this.egress, sidecarWorkloads: this.sidecarWorkloads, externalHosts: this.externalHosts };
  }

  private add(calls: readonly unknown[], egress: readonly unknown[] | undefined): void {
    const problems = new ProblemCollector(this.path);
    const addition = this.plan(problems, calls, egress);
    problems.throwIfAny();
    this.accept(problems, addition);
  }

  /** Commits a planned addition unless its objects take names already taken; throws, changing nothing, if they do. */
  private accept(problems: ProblemCollector, addition: Addition): void {
    const objects = this.objectsOfAddition(addition);
    const claimed = claimNames(problems, objects, this.objectKeys);
    problems.throwIfAny();
    this.commit(addition);
    for (const [key, owner] of claimed) this.objectKeys.set(key, owner);
    for (const o of objects) if (o.json !== undefined) this.gatewayRoutes.set(objectKey(o), o.json);
  }

  /** The objects an addition brings to the namespace, in output order, as the list of objects says. */
  private objectsOfAddition(addition: Addition): NamespaceObject[] {
    return objectsOf(this.settings, {
      own: false, calls: addition.calls, firstCall: this.calls.length, egress: addition.egress, firstList: this.egress.length,
      externalHosts: addition.externalHosts, sidecarWorkloads: addition.sidecarWorkloads, gatewayRoutes: this.gatewayRoutes,
      scopesBefore: this.scopes,
    });
  }

  /**
   * Plans `rawCalls` and `rawEgress` as additions, reporting their problems in the order a render of the whole
   * namespace would: calls, workloads the calls name, allow-lists, their workloads' labels, their hosts. Changes
   * nothing.
   */
  private plan(problems: ProblemCollector, rawCalls: readonly unknown[], rawEgress: unknown): Addition {
    const { name: namespace, mtls } = this.settings;
    const calls: CallPlan[] = [];
    const callIndex = new Map<string, number>();
    rawCalls.forEach((call, offset) => {
      const i = this.calls.length + offset;
      const plan = planCall(problems, `calls[${i}]`, call, this.settings);
      if (plan !== undefined) {
        const key = callKey(plan);
        const twin = this.callIndex.get(key) ?? callIndex.get(key) ?? -1;
        if (twin !== -1) {
          problems.add(`calls[${i}]`, `${plan.from.slug} -> ${plan.to.name}`, `declares the same caller and target as calls[${twin}]`, 'declare each caller and target once, listing every port, method and path it needs');
        } else {
          callIndex.set(key, this.calls.length + calls.length);
        }
        calls.push(plan);
      }
    });
    // In a dry run nothing enforces, and the logs name the plaintext callers STRICT mTLS would refuse.
    if (mtls === 'PERMISSIVE' && !this.settings.dryRun && this.calls.length + calls.length > 0) {
      problems.add('mtls', mtls, 'admits plaintext callers, which carry no identity, while calls allow callers by identity', 'keep mtls "STRICT" (the default), or declare no calls until every caller is in the mesh');
    }
    const known = new Map<string, WorkloadIdentity>();
    const knownBy = new Map<string, Owner>();
    calls.forEach((call, k) => {
      const i = this.calls.length + k;
      for (const w of [call.to, call.from.workload]) {
        if (w === undefined || w.namespace !== namespace) continue;
        const twin = this.known.get(w.name) ?? known.get(w.name);
        if (twin !== undefined && twin !== w && JSON.stringify(twin) !== JSON.stringify(w)) {
          problems.add(`calls[${i}]`, w.name, 'names two different workloads', 'give each workload of the namespace its own name');
        }
        if (twin === undefined) {
          known.set(w.name, w);
          knownBy.set(w.name, callOwner(i));
        }
      }
    });
    const nameOf = (i: number): string => {
      const source = this.egressSources.get(i);
      return source === undefined ? `egress[${i}]` : `the EgressAllowList ${source}`;
    };
    const { plans: egress, index: egressIndex } = planEgress(problems, rawEgress, this.settings, rawEgress === undefined ? [] : this.knownWith(known), this.egress, this.egressIndex, nameOf);
    const sidecarWorkloads = this.checkSidecarLabels(problems, known, knownBy, egress);
    const { hosts: externalHosts, routes: hostRoutes } = mergeExternalHosts(problems, egress, this.egress.length, this.externalHosts, this.hostRoutes, nameOf);
    return { calls, callIndex, known, egress, egressIndex, sidecarWorkloads, externalHosts, hostRoutes };
  }

  /** Every workload known, with `known` added; allow-lists may name them. */
  private knownWith(known: ReadonlyMap<string, WorkloadIdentity>): readonly WorkloadIdentity[] {
    // Kept between allow-lists, which usually come after the calls, so that each is planned in time of its own.
    this.knownList ??= [...this.known.values()];
    return known.size === 0 ? this.knownList : [...this.knownList, ...known.values()];
  }

  /**
   * A workload's Sidecar selects its pods by its labels, so an allow-list that selects a workload by name and labels
   * must use the labels the namespace knows it by. Checks the allow-lists whose workload the addition makes known, and
   * the added allow-lists, in list order; returns the workloads that get a Sidecar of their own through the addition.
   */
  private checkSidecarLabels(problems: ProblemCollector, known: ReadonlyMap<string, WorkloadIdentity>, knownBy: ReadonlyMap<string, Owner>, egress: readonly EgressPlan[]): Map<string, SidecarWorkload> {
    // The allow-lists accepted before, of workloads the addition makes known, and the added ones; in list order.
    const lists: number[] = [];
    for (const name of known.keys()) {
      const i = this.egressIndex.get(workloadListKey(name));
      if (i !== undefined) lists.push(i);
    }
    lists.sort((a, b) => a - b);
    for (let k = 0; k < egress.length; k++) lists.push(this.egress.length + k);
    const added = new Map<string, SidecarWorkload>();
    for (const w of known.values()) {
      if (!this.sidecarWorkloads.has(w.name)) added.set(w.name, { workload: w, owner: knownBy.get(w.name)! });
    }
    for (const i of lists) {
      const w = (i < this.egress.length ? this.egress[i] : egress[i - this.egress.length]).scope.workload;
      if (w === undefined) continue;
      const twin = this.known.get(w.name) ?? known.get(w.name);
      if (twin !== undefined && twin.labels !== w.labels && JSON.stringify(twin.labels) !== JSON.stringify(w.labels)) {
        problems.add(`egress[${i}].workload`, w.name, 'selects pods by other labels than the workload of the same name', 'use the same labels, or another name');
      }
      if (!this.sidecarWorkloads.has(w.name) && !added.has(w.name)) added.set(w.name, { workload: twin ?? w, owner: allowListOwner(i) });
    }
    return added;
  }

  private commit(addition: Addition): void {
    this.calls.push(...addition.calls);
    for (const [key, i] of addition.callIndex) this.callIndex.set(key, i);
    for (const [name, w] of addition.known) this.known.set(name, w);
    if (addition.known.size > 0) this.knownList = undefined;
    this.egress.push(...addition.egress);
    for (const [key, i] of addition.egressIndex) this.egressIndex.set(key, i);
    for (const [name, w] of addition.sidecarWorkloads) this.sidecarWorkloads.set(name, w);
    for (const [host, h] of addition.externalHosts) this.externalHosts.set(host, h);
    for (const [host, route] of addition.hostRoutes) this.hostRoutes.set(host, route);
    for (const list of addition.egress) this.scopes.set(egressKey(list), this.scopes.get(egressKey(list)) === true || list.gateway !== undefined);
    this.rendered = undefined;
  }
}

/**
 * For each kind of owner: the field to blame when its object takes a name already taken, which object of a kind it
 * brings ("of calls[0]"), and what to do.
 */
const OWNER_TEXT: Record<Owner['by'], { readonly field: (i: number) => string; readonly of: (i: number) => string; readonly fix: string }> = {
  namespace: { field: () => 'name', of: () => 'of the namespace', fix: 'use another namespace name' },
  workload: { field: (i) => `workloads[${i}].name`, of: (i) => `of workloads[${i}]`, fix: 'give the workload another name' },
  call: {
    field: (i) => `calls[${i}]`, of: (i) => `of calls[${i}]`,
    fix: 'rename a workload of one of the two calls: object names are made of the target\'s and the caller\'s names, without their kind or namespace',
  },
  allowList: {
    field: (i) => `egress[${i}]`, of: (i) => `of egress[${i}]`,
    fix: 'give the workload a name other than the namespace\'s: objects of an allow-list are named after its workload, or after the namespace for a namespace-wide list',
  },
  hosts: { field: (i) => `egress[${i}].hosts`, of: (i) => `of egress[${i}]`, fix: 'list hosts whose names differ in more than punctuation' },
};

/**
 * Reports each of `objects` (in output order) that takes a name already `taken` or taken by one before it, as
 * Kubernetes keeps one object per name, once per owner; returns the names they take and their owners.
 */
function claimNames(problems: ProblemCollector, objects: readonly NamespaceObject[], taken: ReadonlyMap<string, Owner>): Map<string, Owner> {
  const claimed = new Map<string, Owner>();
  const blamed = new Set<string>();
  for (const object of objects) {
    const { kind, name, owner } = object;
    const key = objectKey(object);
    const other = taken.get(key) ?? claimed.get(key);
    if (other === undefined) {
      claimed.set(key, owner);
    } else {
      const { field: fieldOf, fix } = OWNER_TEXT[owner.by];
      const field = fieldOf(owner.index);
      // An AuthorizationPolicy and a NetworkPolicy share a call's name: one clash, one problem.
      if (blamed.has(field)) continue;
      blamed.add(field);
      const takenBy = OWNER_TEXT[other.by].of(other.index);
      problems.add(field, name, `would give its ${kind} the same name as the ${kind} ${takenBy}, and Kubernetes keeps one object per name`,
        other === NAMESPACE_OWNER ? `give the workload a name other than ${quote(name)}, which the namespace's own ${kind} has` : fix);
    }
  }
  return claimed;
}

/** What a ZeroTrustNamespace renders to. */
export interface RenderedZeroTrustNamespace {
  /** The namespace's name. */
  readonly name: string;
  /**
   * Every object, in a fixed order: Namespace, PeerAuthentication, AuthorizationPolicies (allow-nothing first, then
   * one per call), RequestAuthentications (calls from a MeshIngress with jwt), ServiceEntries, Sidecars, gateway
   * routes, NetworkPolicies (see objectsOf).
   */
  readonly manifests: readonly Manifest[];
  /**
   * The workloads declared in `workloads`, and the waypoint's (Istio deploys its pods): pods of the namespace that
   * meshlight does not deploy.
   */
  readonly declaredWorkloads: readonly WorkloadIdentity[];
}

/** Renders every object of the plan, in output order. */
function renderPlan(plan: ZeroTrustPlan): RenderedZeroTrustNamespace {
  const scope = new RenderScope(plan);
  const manifests = objectsOf(plan, wholeNamespace(plan)).map((o) => renderObject(o, plan, scope));
  const waypoint: WorkloadIdentity[] = plan.waypoint
    ? [{ name: WAYPOINT, namespace: plan.name, serviceAccount: WAYPOINT, labels: { 'gateway.networking.k8s.io/gateway-name': WAYPOINT } }]
    : [];
  return { name: plan.name, manifests, declaredWorkloads: [...plan.declared, ...waypoint] };
}

/**
 * Renders a ZeroTrustNamespace. Throws MeshlightValidationError, having rendered nothing, when the props are invalid.
 */
export function renderZeroTrustNamespace(props: ZeroTrustNamespaceProps, context: RenderContext): RenderedZeroTrustNamespace {
  return new ZeroTrustNamespaceDeclaration(props, context).render();
}
