// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop of a Fleet. A Fleet is no
// construct of the chart it is given: it makes an App per cluster.
import { Fleet } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  () => {
    new Fleet({ clusters: [] });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: ['eu-1'] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'EU_1', region: 'europe-west1' }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe west1' }] });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', zones: 'europe-west1-b' }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', zones: ['europe-west1/b'] }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', network: 'network eu' }] });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', values: 3 }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', values: { 'replica count': 3 } }] });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', values: { zones: ['europe-west1-b'] } }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', trustDomain: 'spiffe://eu.example.com' }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'eu-1', region: 'europe-west4' }] });
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }] });
    fleet.cluster('ap-1');
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }] });
    // @ts-expect-error
    fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: ['https://eu-1.example.com:6443'] });
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }] });
    fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: { 'eu-1': { server: 'https://eu-1.example.com:6443' }, 'us-1': { server: 'https://us-1.example.com:6443' } } });
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }] });
    fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: { 'eu-1': { server: 'https://eu-1.example.com:6443' } } });
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'argocd', region: 'europe-west1' }] });
    fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: { argocd: { destinationName: 'in-cluster' } } });
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }] });
    fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: { 'eu-1': { server: 'https://eu-1.example.com:6443' } } });
    fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: { 'eu-1': { server: 'https://eu-1.example.com:6443' } } });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [], wave: 'canary' });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: ['canary'], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'Canary', regions: ['europe-west1'] }, { name: 'rest' }], wave: 'Canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'canary', regions: ['europe-west1'] }, { name: 'canary' }], wave: 'canary' });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'canary', regions: 'europe-west1' }, { name: 'rest' }], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'canary', regions: ['europe-west4'] }, { name: 'rest' }], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'rest' }, { name: 'canary', regions: ['europe-west1'] }], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'canary', regions: ['europe-west1'] }, { name: 'eu', clusters: ['eu-1', 'us-1'] }], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'all', regions: ['europe-west1', 'us-east1'] }, { name: 'rest' }], wave: 'all' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'canary', regions: ['europe-west1'] }], wave: 'canary' });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1' }, { name: 'us-1', region: 'us-east1' }], waves: [{ name: 'canary', regions: ['europe-west1'] }, { name: 'rest' }] });
  },
  () => {
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', podCidrs: ['10.8.0.1/14'] }] });
  },
  () => {
    // @ts-expect-error
    new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', eastWestGatewayAddresses: '203.0.113.10/32' }] });
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', podCidrs: ['10.8.0.0/14'] }, { name: 'eu-2', region: 'europe-west4' }] });
    fleet.remoteClustersOf('eu-1');
  },
  () => {
    const fleet = new Fleet({ clusters: [{ name: 'eu-1', region: 'europe-west1', network: 'eu' }, { name: 'us-1', region: 'us-east1', network: 'us' }] });
    fleet.remoteClustersOf('eu-1');
  },
]);
