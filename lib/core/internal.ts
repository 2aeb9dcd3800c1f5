// Every module of core, for meshlight's own front ends, explain, validation and tests. Not an entry point of the
// package: users import meshlight/core (index.ts), which exports what they build on.
export * from './errors';
export * from './manifest';
export * from './names';
export * from './regex';
export * from './string-match';
export * from './request-match';
export * from './grayscale-service';
export * from './deployment';
export * from './workload';
export * from './zero-trust-namespace';
export * from './egress-allow-list';
export * from './sidecar';
export * from './duration';
export * from './http-names';
export * from './traffic-policy';
export * from './local-rate-limit';
export * from './telemetry';
export * from './mesh-ingress';
export * from './path-safety';
export * from './app-checks';
export * from './fields';
export * from './gitops';
export * from './fleet';
