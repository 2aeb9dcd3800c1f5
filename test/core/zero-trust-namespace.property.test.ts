import * as fc from 'fast-check';
import { Caller, CallProps, DeclaredWorkloadProps, MeshlightValidationError, renderZeroTrustNamespace } from '../../lib/core/internal';
import { anyValue, FUZZ_RUNS } from '../support/fuzz';
import { evaluate } from '../support/authz';
import { istioValidator } from '../support/validate';

const METHODS = ['GET', 'POST', 'DELETE'];

/** 2 to 5 workloads, each with one or two Service ports, and calls between random pairs of them. */
const namespaceWithCalls = fc.integer({ min: 2, max: 5 }).chain((count) => {
  const workloads: DeclaredWorkloadProps[] = Array.from({ length: count }, (_, i) => ({
    name: `w${i}`, serviceAccount: `sa-${i}`, ports: [{ port: 80, containerPort: 8080 + i }, { port: 9000, containerPort: 9100 + i }],
  }));
  const pairs = workloads.flatMap((a) => workloads.map((b) => [a.name, b.name] as const));
  const call = (pair: readonly [string, string]) => fc.record({
    ports: fc.option(fc.subarray([80, 9000], { minLength: 1 }), { nil: undefined }),
    methods: fc.option(fc.subarray(METHODS, { minLength: 1 }), { nil: undefined }),
  }).map((o): CallProps => ({ from: pair[0], to: pair[1], ...(o.ports ? { ports: o.ports } : {}), ...(o.methods ? { methods: o.methods } : {}) }));
  return fc.subarray(pairs).chain((chosen) => fc.tuple(...chosen.map(call))).map((calls) => ({ workloads, calls }));
});

describe('ZeroTrustNamespace properties', () => {
  test('for any declared calls, a request is allowed exactly when a call covers it, and every object validates', () => {
    fc.assert(fc.property(namespaceWithCalls, ({ workloads, calls }) => {
      const objects = renderZeroTrustNamespace({ workloads, calls }, { path: 'prop', defaultName: 'shop' }).manifests;
      expect(istioValidator().validateAll(objects)).toEqual([]);
      workloads.forEach((caller, c) => workloads.forEach((target, t) => {
        for (const servicePort of [80, 9000]) {
          for (const method of METHODS) {
            const call = calls.find((x) => x.from === caller.name && x.to === target.name);
            const expected = call !== undefined && (call.ports?.includes(servicePort) ?? true) && (call.methods?.includes(method) ?? true);
            const containerPort = servicePort === 80 ? 8080 + t : 9100 + t;
            const verdict = evaluate(objects, {
              principal: `cluster.local/ns/shop/sa/sa-${c}`, namespace: 'shop',
              target: { namespace: 'shop', labels: { app: target.name } }, port: containerPort, method, path: '/',
            });
            expect(verdict.allowed).toBe(expected);
          }
        }
      }));
    }), { numRuns: 500 });
  });

  test('arbitrary input gives a MeshlightValidationError, never a crash, or output a cluster accepts', () => {
    // Callers made from anything: the factories take what JavaScript passes them, and the call is checked later.
    const anyCaller = fc.oneof(
      anyValue().map((a) => Caller.namespace(a as never)),
      fc.tuple(anyValue(), anyValue()).map(([a, b]) => Caller.serviceAccount(a as never, b as never)),
      anyValue().map((a) => Caller.ingressGateway(a as never)),
    );
    const anyCall = fc.record({ from: fc.oneof(fc.constantFrom('w0', 'w1'), anyCaller, anyValue()), to: fc.oneof(fc.constantFrom('w0', 'w1'), anyCaller, anyValue()), ports: anyValue(), methods: anyValue(), paths: anyValue() }, { requiredKeys: [] });
    const anyWorkload = fc.record({ name: fc.oneof(fc.constantFrom('w0', 'w1'), anyValue()), serviceAccount: anyValue(), labels: anyValue(), ports: anyValue() }, { requiredKeys: [] });
    const anyEgress = fc.record({
      hosts: fc.oneof(fc.array(fc.oneof(fc.constantFrom('a.example.com', '*.example.org', '*'), anyValue()), { maxLength: 3 }), anyValue()),
      workload: fc.oneof(fc.constantFrom('w0', 'w1'), anyValue()), egressGateway: anyValue(), allowAnyHost: anyValue(),
      namespace: anyValue(), trustDomain: anyValue(),
    }, { requiredKeys: [] });
    const anyProps = fc.record({
      name: anyValue(), dataplane: anyValue(), revision: anyValue(), mtls: anyValue(), trustDomain: anyValue(),
      networkPolicy: anyValue(), proxyScope: anyValue(), dryRun: anyValue(), controlPlaneNamespace: anyValue(),
      workloads: fc.oneof(fc.array(fc.oneof(anyWorkload, anyValue()), { maxLength: 3 }), anyValue()),
      calls: fc.oneof(fc.array(fc.oneof(anyCall, anyValue()), { maxLength: 3 }), anyValue()),
      clusterDomain: anyValue(),
      egress: fc.oneof(fc.array(fc.oneof(anyEgress, anyValue()), { maxLength: 3 }), anyValue()),
    }, { requiredKeys: [] });
    fc.assert(fc.property(anyProps, (props) => {
      let objects;
      try {
        objects = renderZeroTrustNamespace(props as never, { path: 'p', defaultName: 'shop' }).manifests;
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
        return;
      }
      expect(istioValidator().validateAll(objects)).toEqual([]);
    }), { numRuns: FUZZ_RUNS });
  });
});
