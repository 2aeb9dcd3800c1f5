// What the cdk8s and Pulumi entry points re-export from core: the props and value types users write, and the error
// they may catch. Rendering functions stay in `meshlight/core`.
export { MeshlightAppError, MeshlightValidationError } from './errors';
export type { Problem } from './errors';
export { StringMatch } from './string-match';
export type { StringMatchData, StringMatchKind, StringMatchLike } from './string-match';
export { DEFAULT_VERSION_HEADER } from './grayscale-service';
export type {
  ExistingProps, ExistingServiceProps, GrayscaleServiceProps, MajorRoutingProps, RuleProps, ServiceProtocol, VersionGrouping, VersionProps,
  VersionRouting,
} from './grayscale-service';
export type { RoutingDialect } from './http-route';
export type {
  AutoscalingProps, CommandProbe, ConfigMapKeyValue, DisruptionBudgetProps, EmptyDirProps, EnvFromProps, EnvValue, HttpProbe, HttpProbeTarget,
  ProbeProps, ProbeTiming, ResourceQuantities, ResourcesProps, SecretKeyValue, TcpProbe, TcpProbeTarget, TolerationProps, TopologySpreadProps,
  VolumeProps, WorkloadProps,
} from './deployment';
export type { RequestMatchProps, SourceProps } from './request-match';
export type { DurationLike } from './duration';
export { LoadBalancer } from './traffic-policy';
export type {
  AbortFaultProps, CircuitBreakerProps, ConnectionPoolProps, DelayFaultProps, FaultProps, HashCookieOptions, LoadBalancerKind, Locality,
  LocalityDistributionProps, LocalityFailoverProps, LocalityProps, MirrorProps, RetryProps,
} from './traffic-policy';
export type { RateLimitProps } from './local-rate-limit';
export type { AccessLoggingProps, NamespaceTelemetryProps, TelemetryProps, TracingProps } from './telemetry';
export { Caller, CONTROL_PLANE_NAMESPACE } from './zero-trust-namespace';
export type {
  CallerData, CallerLike, CallOptions, CallProps, Dataplane, DeclaredWorkloadProps, EastWestGatewayProps, IngressGatewayProps, MtlsMode, RemoteClustersProps, TargetLike,
  ZeroTrustNamespaceProps,
} from './zero-trust-namespace';
export type { HasIdentity, PortMapping, WorkloadIdentity } from './workload';
export { registryOnlyIstioOperator, registryOnlyMeshConfig } from './egress-allow-list';
export type {
  EgressAllowListProps, EgressGatewayProps, EgressHostLike, EgressHostProps, EgressPortProps, EgressProtocol,
  EgressResolution, WorkloadSelectorProps,
} from './egress-allow-list';
export { loginProviderMeshConfig } from './mesh-ingress';
export type {
  CorsProps, CsrfProps, ExternalLoginProps, HasIngressCaller, HttpRoute, IngressBackend, IngressCaller, IngressGatewayWorkloadProps,
  IngressHostProps, IngressRouteProps, IngressService, JwtProps, MeshIngressProps, RulesAtEdge,
} from './mesh-ingress';
export { pathNormalizationMeshConfig } from './path-safety';
export type { PathNormalization } from './path-safety';
export type { AutomatedSyncProps, GitOpsClusterProps, GitOpsDeliveryMode, GitOpsDeliveryProps, GitOpsSyncPolicyProps } from './gitops';
export type {
  FleetCluster, FleetClusterProps, FleetDeliveryProps, FleetDestination, FleetDocumentProps, FleetSpecProps, FleetWave, FleetWaveProps,
} from './fleet';
