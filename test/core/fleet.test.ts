// A fleet's release waves: which clusters each wave holds, and which the release has reached at each wave.
import fc from 'fast-check';
import { FleetClusterProps, FleetSpecProps, MeshlightValidationError, planFleet, remoteClustersOf } from '../../lib/core/internal';
import { expectProblem } from '../support/errors';

const CLUSTERS: FleetClusterProps[] = [
  { name: 'hz-1', region: 'cn-hangzhou' },
  { name: 'hz-2', region: 'cn-hangzhou' },
  { name: 'sh-1', region: 'cn-shanghai' },
  { name: 'sg-1', region: 'ap-southeast-1' },
];
const WAVES = [{ name: 'canary', regions: ['cn-shanghai'] }, { name: 'china', regions: ['cn-hangzhou'] }, { name: 'rest' }];

const released = (spec: FleetSpecProps): string[] => planFleet(spec, 'Fleet').clusters.filter((c) => c.released).map((c) => c.name);

describe('release waves', () => {
  test('a wave holds the clusters of its regions and those it names; the last, naming neither, holds the rest', () => {
    const plan = planFleet({ clusters: CLUSTERS, waves: [{ name: 'canary', clusters: ['sg-1'], regions: ['cn-shanghai'] }, { name: 'rest' }], wave: 'canary' }, 'Fleet');
    expect(plan.waves).toEqual([{ name: 'canary', clusters: ['sh-1', 'sg-1'] }, { name: 'rest', clusters: ['hz-1', 'hz-2'] }]);
    expect(plan.clusters.map((c) => [c.name, c.wave, c.released])).toEqual([
      ['hz-1', 'rest', false], ['hz-2', 'rest', false], ['sh-1', 'canary', true], ['sg-1', 'canary', true],
    ]);
    expect(plan.wave).toBe('canary');
  });

  test('the release reaches the current wave\'s clusters and every earlier wave\'s, no later one\'s', () => {
    expect(released({ clusters: CLUSTERS, waves: WAVES, wave: 'canary' })).toEqual(['sh-1']);
    expect(released({ clusters: CLUSTERS, waves: WAVES, wave: 'china' })).toEqual(['hz-1', 'hz-2', 'sh-1']);
    expect(released({ clusters: CLUSTERS, waves: WAVES, wave: 'rest' })).toEqual(['hz-1', 'hz-2', 'sh-1', 'sg-1']);
  });

  test('without waves, every cluster is released and none has a wave', () => {
    const plan = planFleet({ clusters: CLUSTERS }, 'Fleet');
    expect(plan.clusters.every((c) => c.released && c.wave === undefined)).toBe(true);
    expect(plan.waves).toEqual([]);
  });

  test('property: whatever the waves, each cluster is in exactly one, and released exactly when its wave is not after the current', () => {
    const clusterNames = CLUSTERS.map((c) => c.name);
    fc.assert(fc.property(
      // A wave index per cluster (waves numbered 0..3, empty ones dropped), whether the last wave is "the rest", and a current wave.
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: clusterNames.length, maxLength: clusterNames.length }), fc.boolean(), fc.nat(),
      (waveOfCluster, restLast, pick) => {
        const used = [...new Set(waveOfCluster)].sort();
        const last = used[used.length - 1];
        const waves = used.map((w) => (restLast && w === last
          ? { name: `w${w}` }
          : { name: `w${w}`, clusters: clusterNames.filter((_, i) => waveOfCluster[i] === w) }));
        const current = used[pick % used.length];
        const plan = planFleet({ clusters: CLUSTERS, waves, wave: `w${current}` }, 'Fleet');
        plan.clusters.forEach((c, i) => {
          expect(c.wave).toBe(`w${waveOfCluster[i]}`);
          expect(c.released).toBe(waveOfCluster[i] <= current);
        });
        expect(plan.waves.flatMap((w) => w.clusters).sort()).toEqual([...clusterNames].sort());
      },
    ));
  });

  describe('refused, naming the field', () => {
    const refused = (spec: Partial<FleetSpecProps> & Record<string, unknown>): MeshlightValidationError => {
      try {
        planFleet({ clusters: CLUSTERS, ...spec } as FleetSpecProps, 'Fleet');
      } catch (e) {
        if (e instanceof MeshlightValidationError) return e;
        throw e;
      }
      throw new Error('accepted');
    };
    test.each<[string, Record<string, unknown>, string, string]>([
      ['no current wave', { waves: WAVES }, 'wave', 'is missing'],
      ['a current wave that is not one', { waves: WAVES, wave: 'eu' }, 'wave', 'is not a wave of the fleet'],
      ['a current wave without waves', { wave: 'canary' }, 'wave', 'declares none'],
      ['an unknown region', { waves: [{ name: 'a', regions: ['eu-central-1'] }, { name: 'rest' }], wave: 'a' }, 'waves[0].regions[0]', 'is the region of no cluster'],
      ['an unknown cluster', { waves: [{ name: 'a', clusters: ['fra-1'] }, { name: 'rest' }], wave: 'a' }, 'waves[0].clusters[0]', 'is not a cluster of the fleet'],
      ['a cluster in two waves', { waves: [{ name: 'a', regions: ['cn-hangzhou'] }, { name: 'b', clusters: ['hz-2', 'sg-1', 'sh-1'] }], wave: 'a' }, 'waves[1]', 'takes cluster "hz-2", which wave "a" takes already'],
      ['a cluster in no wave', { waves: [{ name: 'a', regions: ['cn-hangzhou', 'cn-shanghai'] }], wave: 'a' }, 'waves', 'leave clusters ["sg-1"] out'],
      ['the rest before the last wave', { waves: [{ name: 'rest' }, { name: 'a', regions: ['cn-hangzhou'] }], wave: 'a' }, 'waves[0]', 'only the last wave can be'],
      ['a rest that holds nothing', { waves: [{ name: 'a', regions: ['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1'] }, { name: 'rest' }], wave: 'a' }, 'waves[1]', 'holds no cluster'],
      ['a wave named twice', { waves: [{ name: 'a', regions: ['cn-hangzhou'] }, { name: 'a' }], wave: 'a' }, 'waves[1].name', 'names the same wave'],
      ['a wave name that is no DNS label', { waves: [{ name: 'Wave 1', regions: ['cn-hangzhou'] }, { name: 'rest' }], wave: 'rest' }, 'waves[0].name', 'is not a DNS label'],
      ['an unknown field of a wave', { waves: [{ name: 'a', region: ['cn-hangzhou'] }, { name: 'rest' }], wave: 'a' }, 'waves[0].region', 'did you mean "regions"'],
      ['an unknown field of the fleet', { wave: 'a', waves: [{ name: 'a' }], canary: 'a' }, 'canary', 'is not a field of a fleet'],
    ])('%s', (_, spec, field, words) => {
      expectProblem(refused(spec), 'Fleet', field, words);
    });
  });
});

describe('the other clusters of the mesh, as a cluster\'s ZeroTrustNamespaces admit them', () => {
  const MESH: FleetClusterProps[] = [
    { name: 'hz-1', region: 'cn-hangzhou', network: 'cn', podCidrs: ['10.16.0.0/14'], eastWestGatewayAddresses: ['203.0.113.11/32'] },
    { name: 'sh-1', region: 'cn-shanghai', network: 'cn', podCidrs: ['10.20.0.0/14', 'fd00:20::/48'], eastWestGatewayAddresses: ['203.0.113.12/32'] },
    { name: 'sg-1', region: 'ap-southeast-1', network: 'intl', podCidrs: ['10.32.0.0/14'], eastWestGatewayAddresses: ['203.0.113.21/32', '203.0.113.22/32'] },
  ];
  const clusters = planFleet({ clusters: MESH }, 'Fleet').clusters;

  test('the pod ranges of its own network, and the east-west gateways of the others; never its own', () => {
    expect(remoteClustersOf(clusters, 'hz-1', 'Fleet')).toEqual({ podCidrs: ['10.20.0.0/14', 'fd00:20::/48'], eastWestGateway: { remoteAddresses: ['203.0.113.21/32', '203.0.113.22/32'] } });
    expect(remoteClustersOf(clusters, 'sg-1', 'Fleet')).toEqual({ podCidrs: [], eastWestGateway: { remoteAddresses: ['203.0.113.11/32', '203.0.113.12/32'] } });
  });

  test('clusters without a network share one; a fleet of one cluster has no other', () => {
    const flat = planFleet({ clusters: [{ name: 'a', region: 'r1', podCidrs: ['10.0.0.0/16'] }, { name: 'b', region: 'r2', podCidrs: ['10.1.0.0/16'] }] }, 'Fleet').clusters;
    expect(remoteClustersOf(flat, 'a', 'Fleet')).toEqual({ podCidrs: ['10.1.0.0/16'] });
    expect(remoteClustersOf(planFleet({ clusters: [{ name: 'a', region: 'r1' }] }, 'Fleet').clusters, 'a', 'Fleet')).toBeUndefined();
  });

  test('refused: a peer without the addresses its network model needs, and a range that is not one', () => {
    const missing = planFleet({ clusters: [{ name: 'a', region: 'r1', network: 'n1' }, { name: 'b', region: 'r2', network: 'n1' }, { name: 'c', region: 'r3', network: 'n2' }] }, 'Fleet').clusters;
    let error: unknown;
    try {
      remoteClustersOf(missing, 'a', 'Fleet');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expectProblem(error as MeshlightValidationError, 'Fleet', 'clusters[1].podCidrs', 'could not admit its pods');
    expectProblem(error as MeshlightValidationError, 'Fleet', 'clusters[2].eastWestGatewayAddresses', 'could not reach it');
    expect(() => planFleet({ clusters: [{ name: 'a', region: 'r1', podCidrs: ['10.0.0.1/16'] }] }, 'Fleet')).toThrow(/clusters\[0\]\.podCidrs\[0\] = "10.0.0.1\/16": is not an address range/);
  });
});
