export * from '../core/public-api';
export * from './grayscale-service';
export * from './zero-trust-namespace';
export * from './egress-allow-list';
export * from './mesh-ingress';
export * from './gitops-delivery';
export * from './fleet';
