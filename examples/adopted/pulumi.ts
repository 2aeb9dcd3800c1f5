import { GrayscaleService, ZeroTrustNamespace } from '../../lib/pulumi';
import { BOOKINFO, productpage, reviews } from './bookinfo';

export const namespace = new ZeroTrustNamespace(BOOKINFO);
export const reviewsService = new GrayscaleService('reviews', reviews, { dependsOn: [namespace] });
export const productpageService = new GrayscaleService('productpage', productpage, { dependsOn: [namespace] });

// Principals of the real service accounts, selectors of the real pods.
namespace.allow(productpageService, reviewsService, { methods: ['GET'] });
