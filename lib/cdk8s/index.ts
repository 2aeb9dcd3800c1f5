export * from '../core/public-api';
export * from './grayscale-service';
// The cdk8s props, whose versions may hand over a cdk8s-plus Deployment, rather than core's of the same names.
export type { GrayscaleServiceProps, VersionProps } from './grayscale-service';
export type { DeploymentLike } from './deployment-like';
export * from './zero-trust-namespace';
export * from './egress-allow-list';
export * from './mesh-ingress';
export * from './gitops-delivery';
export * from './fleet';
export * from './spec-files';
export { formatSpecProblem, SpecError } from '../spec';
export type { SpecProblem, SpecSource } from '../spec';
