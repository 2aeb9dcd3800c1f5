// A production-grade service whose versions platform code builds with cdk8s-plus (resources, probes, secrets,
// autoscaling, spreading over zones), handed to meshlight: a weighted canary between them, and zero-trust calls from
// the web frontend, which is built the same way. meshlight emits no Deployment here; it labels the cdk8s-plus
// Deployments' pods as their versions' and runs them as their services' accounts.
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';

/** The namespace of the shop, a ZeroTrustNamespace. */
export const SHOP = 'shop';

/** What the platform team's code knows of a workload: its name, namespace, image, and what it needs. */
export interface PlatformWorkloadProps {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  /** The Secret holding its database password, if it has a database. */
  readonly databaseSecret?: string;
  /** A fixed number of pods; without it, a HorizontalPodAutoscaler scales them from 2 to 10. */
  readonly replicas?: number;
}

/**
 * The platform team's Deployment, as it builds every one with cdk8s-plus: one container on port 8080 with requests
 * and limits, readiness and liveness probes, its database password from a Secret, an emptyDir at /tmp beside
 * cdk8s-plus's read-only root filesystem, and pods spread over zones where they can be. It knows nothing of the mesh.
 */
export function platformDeployment(scope: Construct, props: PlatformWorkloadProps): kplus.Deployment {
  const deployment = new kplus.Deployment(scope, props.name, {
    metadata: { name: props.name, namespace: props.namespace },
    replicas: props.replicas,
    securityContext: { user: 65532, group: 65532 },
    containers: [{
      name: 'app',
      image: props.image,
      portNumber: 8080,
      securityContext: { user: 65532, group: 65532 },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      },
      readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080, periodSeconds: Duration.seconds(5) }),
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, initialDelaySeconds: Duration.seconds(10) }),
      envVariables: {
        LOG_LEVEL: kplus.EnvValue.fromValue('info'),
        ...props.databaseSecret === undefined ? {} : {
          DB_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(scope, `${props.name}-db`, props.databaseSecret), key: 'password' }),
        },
      },
      volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(scope, `${props.name}-tmp`, 'tmp') }],
    }],
  });
  // Preferred, not required: an autoscaled version may have more pods than there are zones.
  deployment.scheduling.spread({ topology: kplus.Topology.ZONE, weight: 100 });
  if (props.replicas === undefined) {
    new kplus.HorizontalPodAutoscaler(scope, `${props.name}-hpa`, {
      metadata: { name: props.name, namespace: props.namespace },
      target: deployment,
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
    });
  }
  return deployment;
}

/** orders 1.4 and its 10% canary 1.5, and the web frontend that calls it, on the platform's Deployments. */
export class PlusShopChart extends Chart {
  /** The orders service, whose versions run on the platform's Deployments. */
  public readonly orders: GrayscaleService;
  /** The web frontend, the one caller orders admits. */
  public readonly web: GrayscaleService;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const namespace = new ZeroTrustNamespace(this, SHOP);
    const orders = { namespace: SHOP, databaseSecret: 'orders-db' };
    this.orders = new GrayscaleService(this, 'orders', {
      namespace: SHOP,
      versions: [
        { version: '1.4', weight: 90, deployment: platformDeployment(this, { ...orders, name: 'orders-1-4', image: 'ghcr.io/example/orders:1.4' }) },
        { version: '1.5', weight: 10, deployment: platformDeployment(this, { ...orders, name: 'orders-1-5', image: 'ghcr.io/example/orders:1.5', replicas: 1 }) },
      ],
      retries: { attempts: 2, perTryTimeout: '2s', on: ['connect-failure', 'refused-stream', '503'] },
      timeout: '5s',
    });
    this.web = new GrayscaleService(this, 'web', {
      namespace: SHOP,
      versions: [{ version: '3.2', deployment: platformDeployment(this, { name: 'web-3-2', namespace: SHOP, image: 'ghcr.io/example/web:3.2' }) }],
    });
    namespace.allow(this.web, this.orders, { methods: ['GET', 'POST'] });
  }
}

if (require.main === module) {
  const app = new App();
  new PlusShopChart(app, 'plus-shop');
  app.synth();
}
