// No loosening of the pod defaults without its named opt-in: whatever else a workload sets, the pod runs as a
// non-root user, with a read-only root filesystem, all capabilities dropped, no privilege escalation and never
// privileged; each loosening appears exactly when its own field asks for it.
import * as fc from 'fast-check';
import { MeshlightValidationError, renderGrayscaleService, WorkloadProps } from '../../lib/core/internal';
import { anyValue, FUZZ_RUNS } from '../support/fuzz';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const quantity = fc.constantFrom('100m', '1', '128Mi', '1Gi', '0.5');
const probe = fc.oneof(
  fc.record({ http: fc.record({ path: fc.constantFrom('/', '/healthz', '/ready') }, { requiredKeys: ['path'] }), period: fc.constantFrom('5s', '10s') }, { requiredKeys: ['http'] }),
  fc.record({ tcp: fc.constant({}), timeout: fc.constantFrom('1s', '3s') }, { requiredKeys: ['tcp'] }),
  fc.record({ command: fc.constant(['true']) }),
);

/** Workload props that set anything but the loosenings. */
const withoutOptIns: fc.Arbitrary<WorkloadProps> = fc.record({
  resources: fc.record({ requests: fc.record({ cpu: quantity, memory: quantity }) }),
  readinessProbe: probe,
  livenessProbe: probe,
  env: fc.dictionary(fc.stringMatching(/^[A-Z][A-Z_]{0,8}$/), fc.oneof(fc.string(), fc.record({ secret: name, key: fc.constant('password') }))),
  envFrom: fc.array(fc.oneof(fc.record({ secret: name }), fc.record({ configMap: name })), { maxLength: 2 }),
  volumes: fc.dictionary(name.filter((n) => n !== 'tmp'), fc.oneof(
    fc.record({ emptyDir: fc.constant({}) }), fc.record({ configMap: name }), fc.record({ secret: name }), fc.record({ persistentVolumeClaim: name }),
  ), { maxKeys: 3 }).map((volumes) => Object.fromEntries(Object.entries(volumes).map(([n, v]) => [n, { ...v, mountPath: `/mnt/${n}` }]))),
  ports: fc.dictionary(fc.stringMatching(/^[a-z]{1,10}$/).filter((n) => n !== 'http'), fc.integer({ min: 9000, max: 9999 }), { maxKeys: 2 }),
  imagePullSecrets: fc.array(name, { maxLength: 2 }),
  nodeSelector: fc.dictionary(name, name, { maxKeys: 2 }),
  tolerations: fc.array(fc.record({ key: name, operator: fc.constant('Exists' as const) }), { maxLength: 2 }),
  topologySpread: fc.array(fc.record({ topologyKey: fc.constantFrom('kubernetes.io/hostname', 'topology.kubernetes.io/zone') }), { maxLength: 2 }),
  runAsUser: fc.integer({ min: 1, max: 100000 }),
  runAsGroup: fc.integer({ min: 0, max: 100000 }),
  fsGroup: fc.integer({ min: 0, max: 100000 }),
}, { requiredKeys: [] });

const optIns = fc.record({
  writableRootFilesystem: fc.boolean(),
  runAsRoot: fc.boolean(),
  addCapabilities: fc.constantFrom(['NET_BIND_SERVICE'], ['NET_RAW', 'SYS_TIME']),
}, { requiredKeys: [] });

function podOf(service: WorkloadProps, version: WorkloadProps = {}) {
  const out = renderGrayscaleService({
    name: 'svc', namespace: 'shop', workload: service,
    versions: [{ version: '1.0', image: 'ghcr.io/example/app:1', workload: version }],
  }, { path: 'prop/svc', defaultName: 'svc' });
  return (out.manifests.find((m) => m.kind === 'Deployment') as any).spec.template.spec;
}

describe('no loosening of the pod defaults without its opt-in', () => {
  test('any workload without opt-ins, on the service or the version, keeps the restricted pod', () => {
    fc.assert(fc.property(withoutOptIns, fc.boolean(), (workload, onVersion) => {
      const pod = onVersion ? podOf({}, workload) : podOf(workload);
      const container = pod.containers[0];
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).not.toBe(0);
      expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
      expect(JSON.stringify(pod)).not.toContain('privileged');
      expect(pod.automountServiceAccountToken).toBe(false);
    }), { numRuns: FUZZ_RUNS });
  });

  test('each loosening appears exactly when its own field asks for it, and never privilege', () => {
    fc.assert(fc.property(withoutOptIns, optIns, (workload, loosen) => {
      const { runAsUser: _, ...rest } = workload;
      const pod = podOf({ ...(loosen.runAsRoot === true ? rest : workload), ...loosen });
      const container = pod.containers[0];
      expect(pod.securityContext.runAsNonRoot).toBe(loosen.runAsRoot !== true);
      expect(container.securityContext.readOnlyRootFilesystem).toBe(loosen.writableRootFilesystem !== true);
      expect(container.securityContext.capabilities).toEqual(loosen.addCapabilities === undefined ? { drop: ['ALL'] } : { add: [...loosen.addCapabilities].sort(), drop: ['ALL'] });
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(JSON.stringify(pod)).not.toContain('privileged');
    }), { numRuns: FUZZ_RUNS });
  });
});

describe('arbitrary workload props', () => {
  const field = (name: string, value: fc.Arbitrary<unknown>) => fc.record({ [name]: value });
  const anyWorkload = fc.oneof(
    anyValue(),
    fc.dictionary(fc.constantFrom(
      'resources', 'readinessProbe', 'livenessProbe', 'startupProbe', 'env', 'envFrom', 'volumes', 'ports', 'autoscaling', 'disruptionBudget',
      'imagePullSecrets', 'nodeSelector', 'tolerations', 'topologySpread', 'writableRootFilesystem', 'runAsUser', 'runAsRoot', 'addCapabilities', 'privileged',
    ), fc.oneof(anyValue(), field('http', anyValue()), field('tcp', anyValue()), fc.array(anyValue()), fc.dictionary(fc.string(), anyValue()))),
  );

  test('give output or a MeshlightValidationError, never a crash, on the service or a version', () => {
    fc.assert(fc.property(anyWorkload, anyWorkload, fc.anything(), (service, version, replicas) => {
      try {
        renderGrayscaleService({
          name: 'svc', workload: service as WorkloadProps,
          versions: [{ version: '1.0', image: 'ghcr.io/example/app:1', workload: version as WorkloadProps, replicas: replicas as number }],
        }, { path: 'prop/svc', defaultName: 'svc' });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
