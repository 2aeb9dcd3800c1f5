// meshlight explain: what a Kubernetes + Istio config does before it is deployed. Reading (source, mesh), the
// meaning of each Istio object (one file per kind), the three views (traffic, access, egress), one request (check),
// and the renderers (text, mermaid, json).
export * from './source';
export * from './read-fields';
export * from './objects';
export * from './hosts';
export * from './truth';
export * from './request';
export * from './value-match';
export * from './workloads';
export * from './virtual-service';
export * from './http-route';
export * from './destination-rule';
export * from './authorization-policy';
export * from './peer-authentication';
export * from './sidecar';
export * from './service-entry';
export * from './unevaluated-fields';
export * from './mesh';
export * from './traffic';
export * from './access';
export * from './egress';
export * from './explain';
export * from './summary';
export * from './check';
export * from './gateway';
export * from './gateway-api';
export * from './waypoint';
export * from './request-authentication';
export * from './envoy-filter';
export * from './edge';
export * from './check-edge';
export * from './table';
export * from './render-text';
export * from './render-mermaid';
export * from './render-json';
export * from './render-edge';
