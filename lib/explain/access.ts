import { compareText } from '../core/internal';
import { authorize, AuthorizationDecision, Decision } from './authorization-policy';
import { Mesh } from './mesh';
import { indexOf } from './mesh-index';
import { refName } from './objects';
import { effectiveMtls, EffectiveMtls } from './peer-authentication';
import { MeshRequest, RequestSource } from './request';
import { authorizeAtWaypoint, waypointIdentity, waypointOf, WaypointUse } from './waypoint';
import { Identity, identityName, KubeService, Workload, workloadsOfService } from './workloads';
import { authorizeAtZtunnel, isAmbientWorkload } from './ztunnel';

/** The caller row for requests without mTLS: no principal, no namespace. */
export const PLAINTEXT_CALLER = 'plaintext (no identity)';

/** One cell of the access matrix: may `caller` call `target`, and which policy decides. */
export interface AccessEntry {
  /** `namespace/sa/name`, or PLAINTEXT_CALLER. */
  readonly caller: string;
  /** The caller's principal; null for plaintext. */
  readonly principal: string | null;
  /** `namespace/name` of the target workload. */
  readonly target: string;
  readonly decision: Decision;
  readonly policy: string;
  readonly why: string;
  readonly notes: readonly string[];
}

/** The mTLS mode a target workload accepts, for the notes under the matrix. */
export interface TargetMtls {
  readonly target: string;
  readonly mode: EffectiveMtls['mode'];
  readonly by?: string;
}

/** The access matrix: every caller identity (and a plaintext caller) against every workload. */
export interface AccessMatrix {
  readonly entries: readonly AccessEntry[];
  readonly mtls: readonly TargetMtls[];
}

/**
 * Decides whether `caller` (an identity, or undefined for a plaintext caller) may call `target`, for any request
 * (`operation` fields left open) or the request given by `request`. With mTLS DISABLE at the target, even mesh
 * callers arrive as plaintext; with STRICT, plaintext callers are rejected before any policy. An ambient target is
 * decided by its ztunnel, at L4, seeing `caller` as `seenAs`.
 */
export function decideAccess(mesh: Mesh, caller: Identity | undefined, target: Workload, request: Omit<MeshRequest, 'source'> = {}, seenAs = 'the caller\'s identity'): AuthorizationDecision {
  if (isAmbientWorkload(mesh, target)) {
    return authorizeAtZtunnel(mesh, caller, target, request, seenAs);
  }
  if (!target.hasSidecar) {
    return { decision: 'allowed', policy: 'no sidecar', why: 'the workload has no sidecar: Istio enforces nothing there', notes: [] };
  }
  const index = indexOf(mesh);
  const mtls = effectiveMtls(target, index.peerAuthenticationsFor(target.namespace), mesh.options);
  const by = mtls.by === undefined ? 'no PeerAuthentication: PERMISSIVE' : `PeerAuthentication ${mtls.by}`;
  const notes: string[] = [];
  if (mtls.portModes.length > 0) {
    notes.push(`port-level mTLS ${mtls.portModes.join(', ')} (${by}): not evaluated per port`);
  }
  const plaintext = caller === undefined || mtls.mode === 'DISABLE';
  if (plaintext && mtls.mode === 'STRICT') {
    return { decision: 'denied', policy: by, why: 'mTLS STRICT: plaintext requests are rejected before any policy', notes };
  }
  if (plaintext) {
    notes.push(`mTLS ${mtls.mode} (${by}): a plaintext caller has no principal and no namespace`);
  }
  const source: RequestSource = plaintext ? { principal: null, namespace: null } : { principal: caller.principal, namespace: caller.namespace };
  const decision = authorize(target, { ...request, source }, index.policiesFor(target.namespace), mesh.options);
  return { ...decision, notes: [...notes, ...decision.notes] };
}

/**
 * A request through a waypoint: the waypoint decides first (`atWaypoint`, with the caller's identity and every L7
 * attribute; undefined when no policy targets it), and its denial stands; then `atWorkload`, the target's own
 * policies with the waypoint's identity. Notes say where each part was decided.
 */
export function throughWaypoint(use: WaypointUse, caller: Identity, atWaypoint: AuthorizationDecision | undefined, atWorkload: AuthorizationDecision): AuthorizationDecision {
  const where = `at waypoint ${use.waypoint} (L7, caller identity ${caller.principal})`;
  if (atWaypoint === undefined) {
    return { ...atWorkload, notes: [`${where}: no AuthorizationPolicy targets it or the Service, so it lets every request through`, ...atWorkload.notes] };
  }
  const label = `waypoint ${use.waypoint}: ${atWaypoint.policy}`;
  const notes = [`${where}: ${atWaypoint.decision} (${atWaypoint.policy}${atWaypoint.why === '' ? '' : `: ${atWaypoint.why}`})`, ...atWaypoint.notes];
  if (atWaypoint.decision === 'denied') {
    return { ...atWaypoint, policy: label, notes };
  }
  if (atWaypoint.decision === 'depends' && atWorkload.decision !== 'denied') {
    return { decision: 'depends', policy: `${label}; then ${atWorkload.policy}`, why: `at the waypoint: ${atWaypoint.why}; then ${atWorkload.why}`, notes: [...notes, ...atWorkload.notes] };
  }
  return { ...atWorkload, notes: [...notes, ...atWorkload.notes] };
}

/** The first Service (by namespace/name) of `target` that uses a waypoint, with its waypoint; undefined: none does. */
export function waypointPathOf(mesh: Mesh, target: Workload): { readonly service: KubeService; readonly use: WaypointUse } | undefined {
  return mesh.services
    .filter((s) => workloadsOfService(s, [target]).length > 0)
    .sort((a, b) => compareText(refName(a), refName(b)))
    .map((service) => ({ service, use: waypointOf(mesh, service) }))
    .find((u): u is { service: KubeService; use: WaypointUse } => u.use !== undefined);
}

/**
 * Whether `caller` may call `target` through its Services, as check decides it: through the waypoint of the first
 * Service of the target that uses one (the waypoint's policies with the caller's identity, then the target's with
 * the waypoint's), else directly. A note says when calling the pods directly, bypassing the waypoint, comes out
 * differently. Plaintext callers are not captured by the mesh, so they reach the pods directly.
 */
export function decideServiceAccess(mesh: Mesh, caller: Identity | undefined, target: Workload, through = waypointPathOf(mesh, target)): AuthorizationDecision {
  const direct = decideAccess(mesh, caller, target);
  if (caller === undefined || through === undefined) {
    return direct;
  }
  const { service, use } = through;
  const atWaypoint = authorizeAtWaypoint(mesh, use, service, { source: { principal: caller.principal, namespace: caller.namespace } });
  const decision = throughWaypoint(use, caller, atWaypoint, decideAccess(mesh, waypointIdentity(mesh, use), target, {}, 'the waypoint\'s identity'));
  const notes = [`called through Service ${refName(service)}, which uses waypoint ${use.waypoint}`, ...decision.notes];
  if (direct.decision !== decision.decision) {
    notes.push(`called by pod IP, bypassing the waypoint, it would be ${direct.decision} (${direct.policy}${direct.why === '' ? '' : `: ${direct.why}`})`);
  }
  return { ...decision, notes };
}

/** Which callers and targets an access matrix covers; undefined: all of them. */
export interface AccessScope {
  readonly callers?: (caller: Identity | undefined) => boolean;
  readonly targets?: (target: Workload) => boolean;
}

/** The access matrix of a mesh (or of the callers and targets `scope` keeps), sorted by caller, then target. */
export function explainAccess(mesh: Mesh, scope: AccessScope = {}): AccessMatrix {
  const callers = [...mesh.identities, undefined].filter((c) => scope.callers?.(c) ?? true);
  const targets = mesh.workloads.filter((t) => scope.targets?.(t) ?? true);
  const entries: AccessEntry[] = [];
  const paths = new Map(targets.map((t) => [t, waypointPathOf(mesh, t)]));
  for (const caller of callers) {
    for (const target of targets) {
      const d = decideServiceAccess(mesh, caller, target, paths.get(target));
      entries.push({
        caller: caller === undefined ? PLAINTEXT_CALLER : identityName(caller),
        principal: caller === undefined ? null : caller.principal,
        target: refName(target),
        decision: d.decision,
        policy: d.policy,
        why: d.why,
        notes: d.notes,
      });
    }
  }
  const index = indexOf(mesh);
  const mtls = targets.map((w): TargetMtls => {
    const m = effectiveMtls(w, index.peerAuthenticationsFor(w.namespace), mesh.options);
    return { target: refName(w), mode: m.mode, by: m.by };
  });
  return { entries, mtls };
}
