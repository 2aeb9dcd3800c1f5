// Example inputs for docs/errors.md: each one is cdk8s code that declares one bad prop, or (app.ts) constructs that
// clash across the app, written as a function `(chart) => { ... }` so that the compiler checks it (see example.ts).
// The catalogue runs each in a Chart with id "app" and shows its source and the message it raises. Every error of the
// catalogue needs an example here; a test checks that each example raises exactly one problem and that together
// they raise every error the code can raise.
import { examples as app } from './app';
import { examples as deployment } from './deployment';
import { examples as deploymentLike } from './deployment-like';
import { examples as dialect } from './dialect';
import { examples as egressAllowList } from './egress-allow-list';
import { Example } from './example';
import { examples as fleet } from './fleet';
import { examples as gitopsDelivery } from './gitops-delivery';
import { examples as governance } from './governance';
import { examples as grayscaleService } from './grayscale-service';
import { examples as meshIngress } from './mesh-ingress';
import { examples as workload } from './workload';
import { examples as zeroTrustNamespace } from './zero-trust-namespace';

/** One example: its code, and the lib/core files whose errors it shows. */
export interface ErrorExample extends Example {
  /**
   * Where its construct's errors come from. Some checks read alike in several files (a namespace name, the cluster
   * domain); a problem that matches several entries equally well is credited to the one of these files.
   */
  readonly files: readonly string[];
}

const of = (files: readonly string[], examples: readonly Example[]): ErrorExample[] => examples.map((example) => ({ ...example, files }));

/** Every example, as the code a user would write. */
export const ERROR_EXAMPLES: readonly ErrorExample[] = [
  ...of(['grayscale-service.ts', 'request-match.ts'], grayscaleService),
  ...of(['duration.ts', 'traffic-policy.ts', 'local-rate-limit.ts', 'telemetry.ts'], governance),
  ...of(['zero-trust-namespace/plan.ts', 'zero-trust-namespace/declaration.ts'], zeroTrustNamespace),
  ...of(['egress-allow-list.ts'], egressAllowList),
  ...of(['mesh-ingress.ts'], meshIngress),
  ...of(['workload.ts'], workload),
  ...of(['deployment.ts'], deployment),
  ...of(['cdk8s/deployment-like.ts'], deploymentLike),
  ...of(['app-checks.ts'], app),
  ...of(['gitops.ts'], gitopsDelivery),
  ...of(['fleet.ts'], fleet),
  ...of(['http-route.ts', 'mesh-ingress.ts'], dialect),
];
