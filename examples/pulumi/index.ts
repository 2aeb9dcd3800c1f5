import { grayscaleDemo } from './demo';

// The demo in Istio's dialect; `grayscaleDemo('gateway-api')` deploys it with HTTPRoutes and a Gateway API Gateway.
export const { namespace, httpbinService, myservice1Service, ingress } = grayscaleDemo();

export const hosts = [httpbinService.host, myservice1Service.host];
