// Loads meshlight's Istio validation plugin from source for `cdk8s synth` in this repository.
// An installed meshlight offers the same class as `meshlight/validation/cdk8s-plugin`.
require('ts-node').register({ transpileOnly: true, project: require('path').resolve(__dirname, '../../tsconfig.json') });
module.exports = require('../../lib/validation/cdk8s-plugin');
