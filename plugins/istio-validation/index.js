// The Istio validation plugin of this repository's `cdk8s synth` (cdk8s.yaml): meshlight's compiled
// lib/validation/cdk8s-plugin.ts, which `npm run synth` builds first (`npm run build:validation-plugin`, tsc into
// ./dist). An installed meshlight offers the same class as `meshlight/validation/cdk8s-plugin`.
const fs = require('fs');
const path = require('path');

const compiled = path.join(__dirname, 'dist/lib/validation/cdk8s-plugin.js');
if (!fs.existsSync(compiled)) {
  throw new Error(`meshlight's validation plugin is not built (${compiled} is missing): run "npm run synth", or "npm run build:validation-plugin" before "cdk8s synth"`);
}
module.exports = require(compiled);
