import * as k8s from '@pulumi/kubernetes';
import { GrayscaleService } from '../../lib/pulumi';
import { DEMO_NAMESPACE, demoNamespace, httpbin, myservice1 } from '../grayscale-demo';

const namespace = new k8s.core.v1.Namespace(DEMO_NAMESPACE, { metadata: demoNamespace.metadata });

export const httpbinService = new GrayscaleService('httpbin', httpbin, { dependsOn: [namespace] });
export const myservice1Service = new GrayscaleService('myservice1', myservice1, { dependsOn: [namespace] });

export const hosts = [httpbinService.host, myservice1Service.host];
