import { renderMeshIngress } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService, MeshIngress } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

describe('MeshIngress (Pulumi)', () => {
  test('registers exactly what core renders', async () => {
    const web = new GrayscaleService('web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    await registered(web.resources);
    resources.length = 0;
    const props = { namespace: 'shop', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: web, host: 'shop.example.com' }] };
    const ingress = new MeshIngress('edge', props);
    await registered(ingress.resources);
    expect(canonicalYaml(manifestsOf(resources))).toEqual(canonicalYaml(renderMeshIngress(props, { path: 'edge', defaultName: 'edge' }).manifests));
  });
});
