// ZeroTrustNamespace: a namespace where every call is denied unless declared. Its parts: props.ts (what it is declared
// with), plan.ts (how the props are checked and resolved), objects.ts (the one list of its objects: kinds, names,
// owners, output order), render.ts (what each object contains) and declaration.ts (the incremental declaration, with
// the bookkeeping that keeps object names apart).
export {
  Caller, CONTROL_PLANE_NAMESPACE,
} from './props';
export type {
  CallerData, CallerLike, CallOptions, CallProps, Dataplane, DeclaredWorkloadProps, EastWestGatewayProps, IngressGatewayProps, MtlsMode, RemoteClustersProps, TargetLike,
  ZeroTrustNamespaceProps,
} from './props';
export { principalOf } from './plan';
export { renderZeroTrustNamespace, ZeroTrustNamespaceDeclaration } from './declaration';
export type { RenderedZeroTrustNamespace } from './declaration';
