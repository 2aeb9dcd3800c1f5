import { authorize, AuthorizationDecision, Decision } from './authorization-policy';
import { Mesh } from './mesh';
import { indexOf } from './mesh-index';
import { refName } from './objects';
import { effectiveMtls, EffectiveMtls } from './peer-authentication';
import { MeshRequest, RequestSource } from './request';
import { Identity, identityName, Workload } from './workloads';

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
 * callers arrive as plaintext; with STRICT, plaintext callers are rejected before any policy.
 */
export function decideAccess(mesh: Mesh, caller: Identity | undefined, target: Workload, request: Omit<MeshRequest, 'source'> = {}): AuthorizationDecision {
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
  for (const caller of callers) {
    for (const target of targets) {
      const d = decideAccess(mesh, caller, target);
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
