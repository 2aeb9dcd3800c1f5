import * as fc from 'fast-check';
import { EgressAllowListProps, MeshlightValidationError, renderEgressAllowList, renderZeroTrustNamespace } from '../../lib/core/internal';
import { anyValue, FUZZ_RUNS } from '../support/fuzz';
import { canReach } from '../support/egress';
import { istioValidator } from '../support/validate';

const HOSTS = ['a.example.com', 'b.example.com', 'api.example.org', '*.s3.example.net'];
const PROBES = ['a.example.com', 'b.example.com', 'api.example.org', 'x.s3.example.net', 'evil.example.com'];
const covers = (host: string, probe: string) => host === probe || (host.startsWith('*.') && probe.endsWith(host.slice(1)));

/** A namespace-wide list (maybe) and lists for some of three workloads, each naming some hosts. */
const lists = fc.record({
  namespaceHosts: fc.option(fc.subarray(HOSTS, { minLength: 1 }), { nil: undefined }),
  workloadHosts: fc.array(fc.option(fc.subarray(HOSTS, { minLength: 1 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
});

describe('EgressAllowList properties', () => {
  test('in a ZeroTrustNamespace, each workload reaches exactly its hosts and the namespace\'s, and everything validates', () => {
    fc.assert(fc.property(lists, ({ namespaceHosts, workloadHosts }) => {
      const workloads = workloadHosts.map((_, i) => ({ name: `w${i}`, serviceAccount: `w${i}` }));
      const egress: EgressAllowListProps[] = [
        ...(namespaceHosts ? [{ hosts: namespaceHosts }] : []),
        ...workloadHosts.flatMap((hosts, i) => (hosts ? [{ workload: `w${i}`, hosts }] : [])),
      ];
      const objects = renderZeroTrustNamespace({ workloads, egress }, { path: 'prop', defaultName: 'shop' }).manifests;
      expect(istioValidator().validateAll(objects)).toEqual([]);
      workloadHosts.forEach((hosts, i) => {
        const allowed = [...(namespaceHosts ?? []), ...(hosts ?? [])];
        for (const probe of PROBES) {
          expect(canReach(objects, 'shop', { app: `w${i}` }, probe, 443)).toBe(allowed.some((h) => covers(h, probe)));
        }
      });
    }), { numRuns: 500 });
  });

  test('arbitrary input gives output or a MeshlightValidationError, never a crash', () => {
    const port = fc.record({ number: fc.oneof(fc.integer({ min: -1, max: 70000 }), anyValue()), protocol: fc.oneof(fc.constantFrom('TLS', 'HTTP', 'TCP'), anyValue()) }, { requiredKeys: [] });
    const host = fc.oneof(fc.string(), fc.constantFrom(...HOSTS, '*', 'https://x.com/a'), fc.record({ host: anyValue(), ports: fc.oneof(fc.array(port), anyValue()), resolution: anyValue() }, { requiredKeys: [] }), anyValue());
    const props = fc.record({
      hosts: fc.oneof(fc.array(host, { maxLength: 4 }), anyValue()), namespace: anyValue(), workload: anyValue(),
      egressGateway: anyValue(), networkPolicy: anyValue(), allowAnyHost: anyValue(), trustDomain: anyValue(), clusterDomain: anyValue(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(props, (p) => {
      try {
        renderEgressAllowList(p as never, { path: 'p' });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
