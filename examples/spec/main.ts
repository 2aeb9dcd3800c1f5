import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { SpecFiles } from '../../lib/cdk8s';

/** The YAML specs of the examples, beside this file. */
export const SPEC_DEMO = path.join(__dirname, 'grayscale-demo.yaml');
export const SPEC_FLEET = path.join(__dirname, 'fleet.yaml');
export const SPEC_ARTICLE = path.join(__dirname, 'article.yaml');

/**
 * Synthesises the YAML specs as `meshlight synth` does: the demo to `<outdir>/grayscale-demo.k8s.yaml`, the fleet to
 * `<outdir>/fleet/<cluster>` and `<outdir>/fleet/argocd` (both byte for byte what the TypeScript examples write), and
 * the article's cases in its own shape to `<outdir>/article.k8s.yaml`.
 */
export function synthSpecExamples(outdir: string): void {
  const app = new App({ outdir });
  new SpecFiles(new Chart(app, 'grayscale-demo'), 'spec', { files: [SPEC_DEMO] });
  new SpecFiles(new Chart(app, 'article'), 'spec', { files: [SPEC_ARTICLE] });
  app.synth();
  SpecFiles.fleet({ files: [SPEC_FLEET], outdir: path.join(outdir, 'fleet') }).synth();
}

if (require.main === module) {
  synthSpecExamples(path.join(process.env.CDK8S_OUTDIR ?? 'dist', 'spec'));
}
