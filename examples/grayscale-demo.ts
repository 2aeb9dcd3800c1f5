// The DMSP article's grayscale and zero-trust cases, shared by the cdk8s and the Pulumi example so both deploy the
// same thing.
import { EgressAllowListProps, GrayscaleServiceProps, MeshIngressProps, ZeroTrustNamespaceProps } from '../lib/core';

/** The namespace both services run in. */
export const DEMO_NAMESPACE = 'grayscale-demo';

/**
 * A zero-trust namespace: STRICT mTLS, deny by default. `sleep` (Istio's sample client, deployed separately with
 * service account `sleep`) is declared so that calls can name it.
 */
export const demoNamespace: ZeroTrustNamespaceProps = {
  workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
};

const GO_HTTPBIN = 'ghcr.io/mccutchen/go-httpbin';

/** A pod is ready once httpbin answers; the probe reaches the pod directly, before any context path. */
const READY_WHEN_SERVING = { readinessProbe: { http: { path: '/status/200' } } } as const;

/**
 * Weight grayscale: major 1 splits 80/20 between 1.0 and 1.1 under /v1, major 2 gets all of /v2.
 * Both context paths are stripped before the request reaches httpbin, so /v1/get arrives as /get.
 */
export const httpbin: GrayscaleServiceProps = {
  namespace: DEMO_NAMESPACE,
  workload: READY_WHEN_SERVING,
  versions: [
    { version: '1.0', weight: 80, image: `${GO_HTTPBIN}:v2.15.0` },
    { version: '1.1', weight: 20, image: `${GO_HTTPBIN}:v2.16.0` },
    { version: '2.0', weight: 100, image: `${GO_HTTPBIN}:v2.18.0` },
  ],
  majors: {
    '1': { rewrite: '/' },
    '2': { rewrite: '/' },
  },
};

/** Rule grayscale: a request with header gray=1 OR query debug=true goes to the gray version 1.1. */
export const myservice1: GrayscaleServiceProps = {
  namespace: DEMO_NAMESPACE,
  workload: READY_WHEN_SERVING,
  versions: [
    { version: '1.0', weight: 100, image: `${GO_HTTPBIN}:v2.15.0` },
    { version: '1.1', weight: 0, image: `${GO_HTTPBIN}:v2.16.0` },
  ],
  rules: [
    { name: 'gray', version: '1.1', anyOf: [{ headers: { gray: '1' } }, { query: { debug: 'true' } }] },
  ],
};

/** The article's egress whitelist: sleep may reach www.aliyun.com and nothing else outside the mesh. */
export const sleepEgress: Omit<EgressAllowListProps, 'namespace'> = {
  workload: 'sleep',
  hosts: ['www.aliyun.com'],
};

/** myservice1 stores objects in Alibaba Cloud OSS, through the egress gateway so only it is admitted there. */
export const myservice1Egress: Omit<EgressAllowListProps, 'namespace' | 'workload'> = {
  hosts: ['oss-cn-hangzhou.aliyuncs.com'],
  egressGateway: true,
};

/**
 * The edge: httpbin on its own host, myservice1 under /myservice1 of the apps host, both over HTTPS (the TLS Secrets
 * live in istio-system), with CORS for the console (credentials on, so CSRF protection is on) and JWT login for the
 * console's tokens. Each host leaves its health check open; the services check the token again.
 */
export const edge: Omit<MeshIngressProps, 'routes'> = {
  namespace: DEMO_NAMESPACE,
  hosts: [
    { host: 'httpbin.example.com', tlsSecret: 'httpbin-example-com' },
    { host: 'apps.example.com', tlsSecret: 'apps-example-com' },
  ],
  cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true, allowHeaders: ['authorization', 'content-type'] },
  jwt: {
    issuer: 'https://login.example.com',
    jwksUri: 'https://login.example.com/.well-known/jwks.json',
    audiences: ['console.example.com'],
    excludedPaths: { 'httpbin.example.com': ['/v1/healthz'], 'apps.example.com': ['/myservice1/healthz'] },
  },
};
