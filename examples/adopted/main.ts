import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';
import { BOOKINFO, productpage, reviews } from './bookinfo';

/** The mesh objects meshlight adds to the bookinfo services that app.yaml deploys. */
export class AdoptedBookinfoChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const namespace = new ZeroTrustNamespace(this, BOOKINFO);
    const reviewsService = new GrayscaleService(this, 'reviews', reviews);
    const productpageService = new GrayscaleService(this, 'productpage', productpage);
    // Principals of the real service accounts, selectors of the real pods.
    namespace.allow(productpageService, reviewsService, { methods: ['GET'] });
  }
}

if (require.main === module) {
  const app = new App();
  new AdoptedBookinfoChart(app, 'adopted-bookinfo');
  app.synth();
}
