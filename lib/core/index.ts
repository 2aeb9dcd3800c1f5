// meshlight/core: the same objects as the cdk8s constructs and Pulumi components, as plain data, with no framework.
// What users build on: the props and value types, a render function per construct and its result, the incremental
// ZeroTrustNamespace declaration, the whole-app check, and the helpers for mesh configuration.
export * from './public-api';
export { formatProblem } from './errors';
export type { RenderContext } from './errors';
export type { Manifest, ObjectMeta } from './manifest';
export { renderGrayscaleService } from './grayscale-service';
export type { RenderedGrayscaleService } from './grayscale-service';
export { renderZeroTrustNamespace, ZeroTrustNamespaceDeclaration, principalOf } from './zero-trust-namespace';
export type { RenderedZeroTrustNamespace } from './zero-trust-namespace';
export { renderEgressAllowList } from './egress-allow-list';
export type { EgressContext, RenderedEgressAllowList } from './egress-allow-list';
export { renderMeshIngress } from './mesh-ingress';
export type { RenderedMeshIngress } from './mesh-ingress';
export { renderNamespaceTelemetry } from './telemetry';
export { renderGitOpsDelivery } from './gitops';
export type { RenderedGitOpsDelivery } from './gitops';
export { AppChecker, appProblems } from './app-checks';
export type { AppObject, DeclaredWorkload } from './app-checks';
