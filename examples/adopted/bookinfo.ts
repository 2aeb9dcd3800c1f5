// Bookinfo's reviews and productpage as their team deploys them (app.yaml, beside this file), adopted by meshlight:
// the cdk8s app (main.ts) and the Pulumi program (pulumi.ts) add a canary split and zero-trust calls to them, and
// emit no Service or ServiceAccount of their own.
import { GrayscaleServiceProps } from '../../lib/core';

/** The namespace app.yaml deploys to; meshlight makes it a ZeroTrustNamespace. */
export const BOOKINFO = 'bookinfo';

/**
 * reviews: the Service `reviews` (selecting app: reviews) and the service account `bookinfo-reviews` exist, and so do
 * the pods of v1, v2 and v3 (labelled app: reviews, version: vN). 90% go to v1, 10% to v2; v3, with no weight, gets
 * only the requests of user jason.
 */
export const reviews: GrayscaleServiceProps = {
  namespace: BOOKINFO,
  port: 9080,
  containerPort: 9080,
  existing: { service: true, serviceAccount: 'bookinfo-reviews' },
  versions: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }, { version: 'v3' }],
  rules: [{ name: 'jason', version: 'v3', match: { headers: { 'end-user': 'jason' } } }],
};

/** productpage: one version, balanced by Kubernetes; meshlight needs only its identity, to admit its calls. */
export const productpage: GrayscaleServiceProps = {
  namespace: BOOKINFO,
  port: 9080,
  containerPort: 9080,
  existing: { service: true, serviceAccount: 'bookinfo-productpage' },
  routing: 'none',
  versions: [{ version: 'v1' }],
};
