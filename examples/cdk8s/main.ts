import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GrayscaleService } from '../../lib/cdk8s';
import { demoNamespace, httpbin, myservice1 } from '../grayscale-demo';

/** The article's weight and rule grayscale examples as one chart. */
export class GrayscaleDemoChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'namespace', demoNamespace);
    new GrayscaleService(this, 'httpbin', httpbin);
    new GrayscaleService(this, 'myservice1', myservice1);
  }
}

if (require.main === module) {
  const app = new App();
  new GrayscaleDemoChart(app, 'grayscale-demo');
  app.synth();
}
