// What a user gets for the `workload` of a GrayscaleService and its versions: resources, probes, environment,
// volumes, ports, autoscaling, disruption budgets, scheduling, and loosenings of the pod defaults only by name.
import {
  GrayscaleServiceProps, Manifest, MeshlightValidationError, renderGrayscaleService, VersionProps, WorkloadProps,
} from '../../lib/core/internal';
import { clusterProblemsOfAll } from '../support/validate';

const IMAGE = 'ghcr.io/example/cart:1.0';
const READY = { readinessProbe: { http: { path: '/ready' } } } as const;

function render(props: Partial<GrayscaleServiceProps>) {
  return renderGrayscaleService({ name: 'cart', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }], ...props }, { path: 'app/cart', defaultName: 'cart' });
}

function one(workload: WorkloadProps, version: Partial<VersionProps> = {}) {
  return render({ versions: [{ version: '1.0', image: IMAGE, workload, ...version }] });
}

const ofKind = (manifests: readonly Manifest[], kind: string) => manifests.filter((m) => m.kind === kind) as any[];
const deploymentOf = (manifests: readonly Manifest[]) => ofKind(manifests, 'Deployment')[0];
const containerOf = (manifests: readonly Manifest[]) => deploymentOf(manifests).spec.template.spec.containers[0];

function problemsOf(run: () => unknown): { field: string; problem: string }[] {
  try {
    run();
  } catch (e) {
    if (e instanceof MeshlightValidationError) return e.problems.map((p) => ({ field: p.field, problem: p.problem }));
    throw e;
  }
  throw new Error('rendered without a problem');
}

describe('a version without workload props gets the pod defaults, exactly as before', () => {
  test('the Deployment', () => {
    expect(deploymentOf(render({}).manifests)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cart-v1-0', namespace: 'shop', labels: { app: 'cart', 'app.kubernetes.io/managed-by': 'meshlight', version: '1.0' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'cart', version: '1.0' } },
        template: {
          metadata: { labels: { app: 'cart', version: '1.0' } },
          spec: {
            automountServiceAccountToken: false,
            containers: [{
              image: IMAGE,
              name: 'cart',
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
              volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
            }],
            securityContext: { runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            serviceAccountName: 'cart',
            volumes: [{ emptyDir: {}, name: 'tmp' }],
          },
        },
      },
    });
  });

  test('an empty workload changes nothing', () => {
    expect(one({}).manifests).toEqual(render({}).manifests);
  });
});

describe('what each workload field becomes', () => {
  test('resources: requests and limits, ephemeralStorage as ephemeral-storage', () => {
    const out = one({ resources: { requests: { cpu: '100m', memory: '128Mi', ephemeralStorage: '1Gi' }, limits: { memory: '256Mi' } } });
    expect(containerOf(out.manifests).resources).toEqual({ limits: { memory: '256Mi' }, requests: { cpu: '100m', 'ephemeral-storage': '1Gi', memory: '128Mi' } });
  });

  test('probes: http (port defaults to the container port), tcp, command, with whole-second timing', () => {
    const out = one({
      readinessProbe: { http: { path: '/ready' }, period: '5s', failureThreshold: 2 },
      livenessProbe: { tcp: { port: 'http' }, initialDelay: '10s', timeout: '2s' },
      startupProbe: { command: ['cat', '/tmp/started'], period: '1s', failureThreshold: 60 },
    });
    const c = containerOf(out.manifests);
    expect(c.readinessProbe).toEqual({ failureThreshold: 2, httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 });
    expect(c.livenessProbe).toEqual({ initialDelaySeconds: 10, tcpSocket: { port: 'http' }, timeoutSeconds: 2 });
    expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/started'] }, failureThreshold: 60, periodSeconds: 1 });
  });

  test('env: plain values and keys of Secrets and ConfigMaps, sorted by name with the version\'s own env; envFrom', () => {
    const out = one({
      env: { DB_PASSWORD: { secret: 'db', key: 'password' }, LOG_LEVEL: { configMap: 'settings', key: 'log-level', optional: true }, MODE: 'a' },
      envFrom: [{ configMap: 'settings', prefix: 'APP_' }, { secret: 'credentials', optional: true }],
    }, { env: { ZONE: 'eu' } });
    const c = containerOf(out.manifests);
    expect(c.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'db' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { key: 'log-level', name: 'settings', optional: true } } },
      { name: 'MODE', value: 'a' },
      { name: 'ZONE', value: 'eu' },
    ]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'settings' }, prefix: 'APP_' }, { secretRef: { name: 'credentials', optional: true } }]);
  });

  test('volumes: each mounted, sorted by name beside meshlight\'s /tmp; ConfigMaps and Secrets read-only', () => {
    const out = one({
      volumes: {
        data: { mountPath: '/var/lib/cart', persistentVolumeClaim: 'cart-data' },
        cache: { mountPath: '/var/cache/cart', emptyDir: { memory: true, sizeLimit: '64Mi' } },
        config: { mountPath: '/etc/cart', configMap: 'cart-config' },
        tls: { mountPath: '/etc/tls', secret: 'cart-tls', subPath: 'tls.crt' },
      },
    });
    const pod = deploymentOf(out.manifests).spec.template.spec;
    expect(pod.volumes).toEqual([
      { emptyDir: { medium: 'Memory', sizeLimit: '64Mi' }, name: 'cache' },
      { configMap: { name: 'cart-config' }, name: 'config' },
      { name: 'data', persistentVolumeClaim: { claimName: 'cart-data' } },
      { name: 'tls', secret: { secretName: 'cart-tls' } },
      { emptyDir: {}, name: 'tmp' },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { mountPath: '/var/cache/cart', name: 'cache' },
      { mountPath: '/etc/cart', name: 'config', readOnly: true },
      { mountPath: '/var/lib/cart', name: 'data' },
      { mountPath: '/etc/tls', name: 'tls', readOnly: true, subPath: 'tls.crt' },
      { mountPath: '/tmp', name: 'tmp' },
    ]);
  });

  test('ports: after the service\'s port, sorted by name', () => {
    expect(containerOf(one({ ports: { metrics: 9090, admin: 9000 } }).manifests).ports).toEqual([
      { containerPort: 8080, name: 'http', protocol: 'TCP' },
      { containerPort: 9000, name: 'admin', protocol: 'TCP' },
      { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
    ]);
  });

  test('scheduling: image pull secrets, node selector, tolerations, topology spread over the version\'s own pods', () => {
    const pod = deploymentOf(one({
      imagePullSecrets: ['registry'],
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [{ key: 'dedicated', value: 'shop', effect: 'NoSchedule' }, { operator: 'Exists' }],
      topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' }, { topologyKey: 'kubernetes.io/hostname' }],
    }).manifests).spec.template.spec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(pod.tolerations).toEqual([{ effect: 'NoSchedule', key: 'dedicated', operator: 'Equal', value: 'shop' }, { operator: 'Exists' }]);
    expect(pod.topologySpreadConstraints).toEqual([
      { labelSelector: { matchLabels: { app: 'cart', version: '1.0' } }, maxSkew: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
      { labelSelector: { matchLabels: { app: 'cart', version: '1.0' } }, maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
    ]);
  });

  test('autoscaling: an HPA right after its Deployment, which then sets no replicas; 80% CPU by default', () => {
    const out = one({ resources: { requests: { cpu: '250m' } }, autoscaling: { minReplicas: 2, maxReplicas: 6 } });
    const kinds = out.manifests.map((m) => m.kind);
    expect(kinds.indexOf('HorizontalPodAutoscaler')).toBe(kinds.indexOf('Deployment') + 1);
    expect(deploymentOf(out.manifests).spec).not.toHaveProperty('replicas');
    expect(ofKind(out.manifests, 'HorizontalPodAutoscaler')[0]).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'cart-v1-0', namespace: 'shop', labels: { app: 'cart', 'app.kubernetes.io/managed-by': 'meshlight', version: '1.0' } },
      spec: {
        maxReplicas: 6,
        metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 80, type: 'Utilization' } }, type: 'Resource' }],
        minReplicas: 2,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart-v1-0' },
      },
    });
  });

  test('a disruption budget: a PDB after the Deployment and its HPA, selecting the version\'s pods', () => {
    const out = one({ resources: { requests: { memory: '128Mi' } }, autoscaling: { minReplicas: 2, maxReplicas: 4, memoryUtilization: 75 }, disruptionBudget: { minAvailable: 1 } });
    expect(out.manifests.map((m) => m.kind).slice(2, 5)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);
    expect(ofKind(out.manifests, 'PodDisruptionBudget')[0].spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'cart', version: '1.0' } } });
    expect(ofKind(out.manifests, 'HorizontalPodAutoscaler')[0].spec.metrics).toEqual([
      { resource: { name: 'memory', target: { averageUtilization: 75, type: 'Utilization' } }, type: 'Resource' },
    ]);
  });

  test('each loosening of the pod defaults only by its own named field', () => {
    const c = (w: WorkloadProps) => deploymentOf(one(w).manifests).spec.template.spec;
    expect(c({ writableRootFilesystem: true }).containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(c({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000 }).securityContext).toEqual({
      fsGroup: 2000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c({ runAsRoot: true }).securityContext).toEqual({ runAsGroup: 0, runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c({ addCapabilities: ['NET_BIND_SERVICE'] }).containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true,
    });
  });
});

describe('a version\'s workload completes the service\'s, field by field', () => {
  test('maps entry by entry, other fields whole', () => {
    const out = render({
      workload: { resources: { requests: { cpu: '100m', memory: '128Mi' } }, env: { MODE: 'a', REGION: 'eu' }, ...READY, nodeSelector: { pool: 'general' } },
      versions: [
        { version: '1.0', weight: 90, image: IMAGE },
        { version: '1.1', weight: 10, image: IMAGE, workload: { resources: { requests: { memory: '256Mi' } }, env: { MODE: 'b' }, readinessProbe: { tcp: {} }, nodeSelector: { zone: 'a' } } },
      ],
    });
    const [v10, v11] = ofKind(out.manifests, 'Deployment').map((d) => d.spec.template.spec);
    expect(v10.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(v11.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' } });
    expect(v11.containers[0].env).toEqual([{ name: 'MODE', value: 'b' }, { name: 'REGION', value: 'eu' }]);
    expect(v10.containers[0].readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080 } });
    expect(v11.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 8080 } });
    expect(v11.nodeSelector).toEqual({ pool: 'general', zone: 'a' });
  });

  test('autoscaling: false on a version turns the service\'s off, and its replicas hold', () => {
    const out = render({
      workload: { resources: { requests: { cpu: '100m' } }, autoscaling: { maxReplicas: 5 } },
      versions: [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE, replicas: 1, workload: { autoscaling: false } }],
    });
    expect(ofKind(out.manifests, 'HorizontalPodAutoscaler').map((h) => h.metadata.name)).toEqual(['cart-v1-0']);
    expect(ofKind(out.manifests, 'Deployment').map((d) => d.spec.replicas)).toEqual([undefined, 1]);
  });
});

describe('every object is one a cluster accepts', () => {
  test('a version with every workload field', async () => {
    const out = one({
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
      readinessProbe: { http: { path: '/ready', scheme: 'HTTP' }, period: '5s' },
      livenessProbe: { tcp: {}, initialDelay: '10s' },
      startupProbe: { command: ['true'] },
      env: { DB_PASSWORD: { secret: 'db', key: 'password' }, LOG_LEVEL: 'info' },
      envFrom: [{ configMap: 'settings' }],
      volumes: { cache: { mountPath: '/var/cache/cart', emptyDir: {} }, data: { mountPath: '/data', persistentVolumeClaim: 'cart-data', readOnly: true } },
      ports: { metrics: 9090 },
      autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 },
      disruptionBudget: { maxUnavailable: '25%' },
      imagePullSecrets: ['registry'],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone' }],
      runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, writableRootFilesystem: true, addCapabilities: ['NET_BIND_SERVICE'],
    });
    expect(ofKind(out.manifests, 'Deployment').length + ofKind(out.manifests, 'HorizontalPodAutoscaler').length + ofKind(out.manifests, 'PodDisruptionBudget').length).toBe(3);
    expect(await clusterProblemsOfAll(out.manifests)).toEqual([]);
  });
});

describe('readiness warnings', () => {
  test('a deployed version with weight and no readiness probe is warned about, naming the version; not one with weight 0', () => {
    const out = render({ versions: [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }] });
    expect(out.warnings.map((w) => [w.path, w.field])).toEqual([['app/cart', 'versions[0].workload.readinessProbe']]);
    expect(out.warnings[0].problem).toContain('version 1.0 gets 100%');
  });

  test('none with a readiness probe, on the service or the version, nor for a version deployed elsewhere', () => {
    expect(render({ workload: READY }).warnings).toEqual([]);
    expect(one(READY).warnings).toEqual([]);
    expect(render({ versions: [{ version: '1.0', labels: { app: 'cart', version: '1.0' } }] }).warnings).toEqual([]);
  });
});

describe('what is refused, and where', () => {
  const cases: [string, Partial<GrayscaleServiceProps>, string, string][] = [
    ['workload on a version without image', { versions: [{ version: '1.0', labels: { app: 'cart', version: 'v1' }, workload: READY }] }, 'versions[0].image', 'replicas, env or workload are set'],
    ['a service workload with nothing deployed', { workload: READY, versions: [{ version: '1.0', labels: { app: 'cart', version: 'v1' } }] }, 'workload', 'no version has an image'],
    ['a misspelt field', { workload: { readinesProbe: {} } as WorkloadProps }, 'workload.readinesProbe', 'is not a field of workload settings'],
    ['privileged', { workload: { privileged: true } as WorkloadProps }, 'workload.privileged', 'is not offered'],
    ['a probe with two actions', { workload: { readinessProbe: { http: { path: '/' }, tcp: {} } as never } }, 'workload.readinessProbe', 'exactly one of http, tcp, command'],
    ['a probe port that names no port', { versions: [{ version: '1.0', image: IMAGE, workload: { readinessProbe: { http: { path: '/', port: 'admin' } } } }] }, 'versions[0].workload.readinessProbe.http.port', 'names no port'],
    ['a probe port out of range', { versions: [{ version: '1.0', image: IMAGE, workload: { readinessProbe: { http: { path: '/', port: 0 } } } }] }, 'versions[0].workload.readinessProbe.http.port', 'is not a whole number'],
    ['a probe period in milliseconds', { workload: { readinessProbe: { tcp: {}, period: '1500ms' } } }, 'workload.readinessProbe.period', 'whole number of seconds'],
    ['successThreshold on a liveness probe', { workload: { livenessProbe: { tcp: {}, successThreshold: 2 } } }, 'workload.livenessProbe.successThreshold', 'must be 1'],
    ['a bad quantity', { workload: { resources: { requests: { memory: '128MB' } } } }, 'workload.resources.requests.memory', 'is not a Kubernetes quantity'],
    ['a request above its limit', { workload: { resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } } }, 'workload.resources.requests.memory', 'is more than its limit'],
    ['an env value from nowhere', { workload: { env: { A: { key: 'x' } as never } } }, 'workload.env.A', 'exactly one of secret, configMap'],
    ['a Secret name that is no name', { workload: { env: { A: { secret: 'DB', key: 'x' } } } }, 'workload.env.A.secret', 'is not the name of a Secret'],
    ['a variable set in env and workload.env', { versions: [{ version: '1.0', image: IMAGE, env: { A: '1' }, workload: { env: { A: '2' } } }] }, 'versions[0].env.A', 'is also set'],
    ['a volume named tmp', { workload: { volumes: { tmp: { mountPath: '/scratch', emptyDir: {} } } } }, 'workload.volumes.tmp', 'emptyDir meshlight mounts at /tmp'],
    ['a volume at /tmp', { workload: { volumes: { scratch: { mountPath: '/tmp', emptyDir: {} } } } }, 'workload.volumes.scratch.mountPath', 'meshlight mounts its own emptyDir'],
    ['two volumes at one path', { workload: { volumes: { a: { mountPath: '/data', emptyDir: {} }, b: { mountPath: '/data/', emptyDir: {} } } } }, 'workload.volumes.b.mountPath', 'is where volume "a" is mounted'],
    ['a port clashing with the service\'s', { workload: { ports: { web: 8080 } } }, 'workload.ports.web', 'clashes with the service\'s container port'],
    ['a port name too long', { workload: { ports: { 'prometheus-metrics': 9090 } } }, 'workload.ports.prometheus-metrics', 'is not a port name'],
    ['replicas beside autoscaling', { workload: { resources: { requests: { cpu: '1' } }, autoscaling: { maxReplicas: 3 } }, versions: [{ version: '1.0', image: IMAGE, replicas: 2 }] }, 'versions[0].replicas', 'HorizontalPodAutoscaler decide'],
    ['autoscaling without a request', { workload: { autoscaling: { maxReplicas: 3 } } }, 'workload.autoscaling', 'has no cpu request'],
    ['maxReplicas under minReplicas', { workload: { resources: { requests: { cpu: '1' } }, autoscaling: { minReplicas: 4, maxReplicas: 3 } } }, 'workload.autoscaling.maxReplicas', 'is less than minReplicas'],
    ['a budget that blocks drains', { workload: { disruptionBudget: { minAvailable: 1 } } }, 'workload.disruptionBudget.minAvailable', 'lets no pod of version 1.0 be evicted'],
    ['a budget of 100%', { workload: { disruptionBudget: { minAvailable: '100%' } }, versions: [{ version: '1.0', image: IMAGE, replicas: 3 }] }, 'workload.disruptionBudget.minAvailable', 'lets no pod'],
    ['maxUnavailable 0', { workload: { disruptionBudget: { maxUnavailable: 0 } } }, 'workload.disruptionBudget.maxUnavailable', 'lets no pod'],
    ['a budget with both', { workload: { disruptionBudget: { minAvailable: 1, maxUnavailable: 1 } } }, 'workload.disruptionBudget', 'exactly one of minAvailable, maxUnavailable'],
    ['runAsUser 0 without runAsRoot', { workload: { runAsUser: 0 } }, 'workload.runAsUser', 'is root'],
    ['runAsRoot with another user', { workload: { runAsRoot: true, runAsUser: 1000 } }, 'workload.runAsRoot', 'is set together with runAsUser 1000'],
    ['adding ALL capabilities', { workload: { addCapabilities: ['ALL'] } }, 'workload.addCapabilities[0]', 'as good as privileged'],
    ['a capability with CAP_', { workload: { addCapabilities: ['CAP_NET_ADMIN'] } }, 'workload.addCapabilities[0]', 'is not a capability name'],
    ['a toleration with a value and Exists', { workload: { tolerations: [{ key: 'a', operator: 'Exists', value: 'b' }] } }, 'workload.tolerations[0]', 'operator "Exists" ignores'],
    ['a toleration effect', { workload: { tolerations: [{ key: 'a', effect: 'NoRun' as never }] } }, 'workload.tolerations[0].effect', 'is not one of the values'],
    ['a spread without topologyKey', { workload: { topologySpread: [{} as never] } }, 'workload.topologySpread[0].topologyKey', 'is missing'],
    ['a version\'s bad field at the version', { versions: [{ version: '1.0', image: IMAGE, workload: { readinessProbe: { http: { path: 'ready' } } } }] }, 'versions[0].workload.readinessProbe.http.path', 'is not a URL path'],
  ];

  test.each(cases)('%s', (_name, props, field, problem) => {
    const problems = problemsOf(() => render(props));
    expect(problems).toEqual([{ field, problem: expect.stringContaining(problem) }]);
  });

  test('a problem of the service\'s workload is reported once, however many versions it applies to', () => {
    const problems = problemsOf(() => render({
      workload: { autoscaling: { maxReplicas: 3 } },
      versions: [{ version: '1.0', weight: 50, image: IMAGE }, { version: '1.1', weight: 50, image: IMAGE }],
    }));
    expect(problems.map((p) => p.field)).toEqual(['workload.autoscaling']);
  });

  test('a version\'s own replicas are checked for each version, also when the versions share the service\'s workload', () => {
    const problems = problemsOf(() => render({
      workload: { resources: { requests: { cpu: '1' } }, disruptionBudget: { minAvailable: 2 } },
      versions: [
        { version: '1.0', weight: 50, image: IMAGE, replicas: 3 },
        { version: '1.1', weight: 50, image: IMAGE, replicas: 2 },
        { version: '1.2', weight: 0, image: IMAGE, replicas: 1 },
      ],
    }));
    expect(problems).toEqual([
      { field: 'workload.disruptionBudget.minAvailable', problem: expect.stringContaining('version 1.1 be evicted (it runs 2 replicas)') },
      { field: 'workload.disruptionBudget.minAvailable', problem: expect.stringContaining('version 1.2 be evicted (it runs 1 replica)') },
    ]);
    const scaled = problemsOf(() => render({
      workload: { resources: { requests: { cpu: '1' } }, autoscaling: { maxReplicas: 3 } },
      versions: [{ version: '1.0', weight: 50, image: IMAGE, replicas: 2 }, { version: '1.1', weight: 50, image: IMAGE, replicas: 2 }],
    }));
    expect(scaled.map((p) => p.field)).toEqual(['versions[0].replicas', 'versions[1].replicas']);
  });
});
