// A Pulumi program (under mocks) whose ZeroTrustNamespace the whole-app check refuses, and which never looks at
// `ready`: run as a process of its own, it must fail, as the Pulumi engine would see it.
import { recordPulumiResources } from '../pulumi-mocks';

recordPulumiResources();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Caller, ZeroTrustNamespace } = require('../../../lib/pulumi') as typeof import('../../../lib/pulumi');

const shop = new ZeroTrustNamespace('shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
shop.allow(Caller.serviceAccount('shop', 'legacy'), 'sleep');
