// Runs the program under Pulumi's mocks, offline, and prints the Kubernetes objects it registers.
import * as pulumi from '@pulumi/pulumi';

const registered: { type: string; name: string }[] = [];
pulumi.runtime.setMocks({
  newResource(args) {
    registered.push({ type: args.type, name: args.name });
    return { id: `${args.name}-id`, state: args.inputs };
  },
  call(args) {
    return args.inputs;
  },
}, 'consumer', 'dev', false);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const program = require('./index') as typeof import('./index');

void program.shop.ready.then(() => new Promise((resolve) => setTimeout(resolve, 500))).then(() => {
  const kinds = registered.filter((r) => r.type.startsWith('kubernetes:')).map((r) => r.type.split(':').pop());
  console.log(JSON.stringify({ kubernetesObjects: kinds.length, kinds: [...new Set(kinds)].sort() }));
  if (kinds.length === 0) process.exit(1);
});
