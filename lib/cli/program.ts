import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  buildMesh, CHECK_OUTCOMES, CheckOutcome, checkRequest, CheckVerdict, ExplainInputError, explainMesh, ExplainScope, explainScope,
  Mesh, MeshOptions, renderCheckJson, renderCheckText, renderExplanationJson, renderExplanationMermaid, renderExplanationText,
  renderSummaryJson, renderSummaryText, summariseMesh, UnknownNameError, checkThroughGateway, renderEdgeCheckJson, renderEdgeCheckText,
} from '../explain';
import type { SpecError } from '../spec';
import { readManifests, readStandardInput, STDIN_NAME, STDIN_PATH } from './read-inputs';
import { meshlightVersion } from './version';

/** Where the CLI reads and writes: injected so that tests run it in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Reads all of standard input, for the path `-`. @default - the process's standard input */
  readonly readStdin?: () => string;
}

/** Exit codes of the CLI. */
export const EXIT = {
  /** Done, and with `check --expect`, the verdict is the one expected. */
  ok: 0,
  /** `check --expect` named another verdict than the request's. */
  expectationNotMet: 1,
  /** Unreadable or invalid input, including a caller or host of `check` that the input does not have. */
  badInput: 1,
  /** Bad usage: an unknown command or option, a missing argument, a bad option value, `-` given twice. */
  usage: 2,
} as const;

const EXIT_CODES_HELP = `
Exit codes:
  0  done; with check --expect, the verdict is the one expected
  1  check --expect: another verdict; or unreadable or invalid input (bad YAML, a caller or host the input lacks)
  2  usage error: unknown command or option, missing argument, bad option value, - given twice`;

interface MeshFlags {
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly rootNamespace: string;
  readonly trustDomain: string;
  readonly clusterDomain: string;
  readonly outboundTrafficPolicy: MeshOptions['outboundTrafficPolicy'];
}

interface ExplainFlags extends MeshFlags {
  readonly format: 'text' | 'mermaid' | 'json';
  readonly detail?: boolean;
  readonly in?: readonly string[];
  readonly service?: string;
  readonly caller?: string;
  readonly target?: string;
  readonly each?: boolean;
}

interface CheckFlags extends MeshFlags {
  readonly format: 'text' | 'json';
  readonly from?: string;
  readonly via?: string;
  readonly tokenIssuer?: string;
  readonly tokenAudience?: string;
  readonly tokenSubject: string;
  /** False with --no-token. */
  readonly token: boolean;
  readonly to: string;
  readonly path: string;
  readonly method: string;
  readonly header: Record<string, string>;
  readonly fromLabel: Record<string, string>;
  readonly port?: number;
  readonly expect?: CheckOutcome;
}

/** Collects the paths argument, one value at a time; `-` (standard input) may come once. */
function collectPath(value: string, previous: readonly string[] | undefined): string[] {
  if (value === STDIN_PATH && previous?.includes(STDIN_PATH) === true) {
    throw new InvalidArgumentError('"-" (standard input) is given twice. Fix: give - once; it reads all of standard input');
  }
  return [...(previous ?? []), value];
}

function collectPair(example: string, lowerCase: boolean) {
  return (value: string, previous: Record<string, string>): Record<string, string> => {
    const eq = value.indexOf('=');
    if (eq <= 0) {
      throw new InvalidArgumentError(`"${value}" is not name=value. Fix: write e.g. ${example}`);
    }
    const name = value.slice(0, eq);
    return { ...previous, [lowerCase ? name.toLowerCase() : name]: value.slice(eq + 1) };
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a port. Fix: give a whole number from 1 to 65535`);
  }
  return port;
}

function withMeshOptions(command: Command): Command {
  return command
    .argument('<paths...>', 'Kubernetes and Istio YAML (or JSON) files, directories of them, or - for standard input', collectPath)
    .option('-R, --recursive', 'also read the directories inside directories')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('--root-namespace <namespace>', 'Istio root namespace, whose policies apply mesh-wide', 'istio-system')
    .option('--trust-domain <domain>', 'trust domain of workload principals', 'cluster.local')
    .option('--cluster-domain <domain>', 'DNS domain of the cluster', 'cluster.local')
    .addOption(new Option('--outbound-traffic-policy <mode>', 'the mesh-wide outbound traffic policy (meshConfig)')
      .choices(['ALLOW_ANY', 'REGISTRY_ONLY']).default('ALLOW_ANY'));
}

function meshOf(paths: readonly string[], flags: MeshFlags, io: CliIo): Mesh {
  const { manifests, skipped } = readManifests(paths, flags.recursive === true, io.readStdin);
  skipped.forEach((file) => io.stderr.write(`meshlight: skipped ${file}: it holds no Kubernetes object\n`));
  return buildMesh(manifests, {
    defaultNamespace: flags.namespace,
    rootNamespace: flags.rootNamespace,
    trustDomain: flags.trustDomain,
    clusterDomain: flags.clusterDomain,
    outboundTrafficPolicy: flags.outboundTrafficPolicy,
  });
}

/** What `explain` prints of one mesh: the summary, or the detail of the scope the flags give. */
function explainOutput(mesh: Mesh, flags: ExplainFlags): string {
  const scope: ExplainScope = { namespaces: flags.in, service: flags.service, caller: flags.caller, target: flags.target };
  const scoped = Object.values(scope).some((v) => v !== undefined);
  if (!scoped && flags.detail !== true) {
    const summary = summariseMesh(mesh);
    const text = renderSummaryText(summary, mesh.notes);
    return { text, mermaid: `# meshlight explain\n\n\`\`\`text\n${text}\`\`\`\n`, json: renderSummaryJson(summary, mesh.notes) }[flags.format];
  }
  const explanation = scoped ? explainScope(mesh, scope) : explainMesh(mesh);
  return { text: renderExplanationText, mermaid: renderExplanationMermaid, json: renderExplanationJson }[flags.format](explanation);
}

interface SynthFlags {
  readonly output: string;
  readonly chart?: string;
}

/**
 * `synth`: declares the spec files' constructs in one cdk8s chart and writes `<output>/<chart>.k8s.yaml`, or reports
 * every problem at its file:line:col and writes nothing. cdk8s is loaded here only: it is an optional peer dependency,
 * which explain and check do not need.
 */
function synthCommand(files: readonly string[], flags: SynthFlags, io: CliIo): number {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, Chart } = require('cdk8s') as typeof import('cdk8s');
  const { SpecFiles } = require('../cdk8s/spec-files') as typeof import('../cdk8s/spec-files');
  const { readSpecDocuments, SpecError: SpecErrorClass } = require('../spec') as typeof import('../spec');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const reportSpecError = (e: SpecError) => {
    e.problems.forEach((p) => io.stderr.write(`${p.file}:${p.line}:${p.col}: ${p.message}\n`));
    return EXIT.badInput;
  };
  const chartName = flags.chart ?? path.basename(files[0] === STDIN_PATH ? 'spec' : files[0]).replace(/\.[^.]*$/, '');
  const app = new App({ outdir: flags.output });
  const chart = new Chart(app, chartName);
  const sources: { file: string; text: string }[] = [];
  for (const file of files) {
    try {
      sources.push({ file, text: file === STDIN_PATH ? (io.readStdin ?? readStandardInput)() : fs.readFileSync(file, 'utf8') });
    } catch (e) {
      io.stderr.write(`meshlight: cannot read ${file === STDIN_PATH ? STDIN_NAME : file}: ${e instanceof Error ? e.message : String(e)}. Fix: give a readable spec file\n`);
      return EXIT.badInput;
    }
  }
  if (readSpecDocuments(sources).documents.some((d) => d.kind === 'Fleet')) {
    if (flags.chart !== undefined) {
      io.stderr.write(`meshlight: --chart ${flags.chart}: a spec with a Fleet writes a chart per cluster, named by the cluster. Fix: leave --chart out\n`);
      return EXIT.usage;
    }
    try {
      const fleet = SpecFiles.fleet({ sources, outdir: flags.output });
      fleet.synth();
      for (const cluster of fleet.clusters) io.stdout.write(`wrote ${path.join(flags.output, cluster.name, `${cluster.name}.k8s.yaml`)}\n`);
      if (fs.existsSync(path.join(flags.output, 'argocd'))) io.stdout.write(`wrote ${path.join(flags.output, 'argocd', 'argocd.k8s.yaml')}\n`);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof SpecErrorClass) return reportSpecError(e);
      throw e;
    }
  }
  let spec: InstanceType<typeof SpecFiles>;
  try {
    spec = new SpecFiles(chart, 'spec', { sources });
  } catch (e) {
    if (e instanceof SpecErrorClass) return reportSpecError(e);
    throw e;
  }
  try {
    app.synth();
  } catch (e) {
    const located = spec.problemsOf(e);
    if (located !== undefined) return reportSpecError(located);
    throw e;
  }
  io.stdout.write(`wrote ${path.join(flags.output, `${chartName}.k8s.yaml`)}\n`);
  return EXIT.ok;
}

/**
 * `krm`: the KRM function. Reads a ResourceList on standard input, writes it to standard output with the spec
 * documents expanded, or unchanged with the problems as results. Loads cdk8s here only, as `synth` does.
 */
function krmCommand(io: CliIo): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runKrmFunction } = require('./krm') as typeof import('./krm');
  const result = runKrmFunction((io.readStdin ?? readStandardInput)());
  io.stdout.write(result.output);
  io.stderr.write(result.stderr);
  return result.code;
}

/** Turns an error of an action into a message on stderr and an exit code. */
function fail(error: unknown, io: CliIo): number {
  if (error instanceof ExplainInputError) {
    io.stderr.write(`${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof UnknownNameError) {
    io.stderr.write(`meshlight: ${error.message}\n`);
    return EXIT.badInput;
  }
  io.stderr.write(`meshlight: unexpected error, please report it: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  return EXIT.badInput;
}

/** Why `verdict` is not the `expected` one, or undefined when it is. */
function unmetExpectation(expected: CheckOutcome, verdict: CheckVerdict): string | undefined {
  if (verdict.outcome === expected) {
    return undefined;
  }
  const message = `meshlight: expected ${expected}, but the verdict is ${verdict.outcome}: ${verdict.why}`;
  if (verdict.outcome === 'depends' && (expected === 'allowed' || expected === 'denied')) {
    return `${message}. --expect ${expected} holds only when every request the options describe is ${expected}. Fix: give what the answer depends on (--path, --method, --header, --port, --from-label), or --expect depends`;
  }
  return message;
}

/** `check --via`: one request from the internet through a gateway; prints it and returns the exit code. */
function checkThroughGatewayCommand(mesh: Mesh, flags: CheckFlags, io: CliIo): number {
  const token = !flags.token ? null
    : flags.tokenIssuer === undefined ? undefined : { issuer: flags.tokenIssuer, audience: flags.tokenAudience, subject: flags.tokenSubject };
  const result = checkThroughGateway(mesh, {
    via: flags.via!, to: flags.to, path: flags.path, method: flags.method, headers: flags.header, port: flags.port, token,
  });
  io.stdout.write(flags.format === 'json' ? renderEdgeCheckJson(result) : renderEdgeCheckText(result));
  const unmet = flags.expect === undefined ? undefined : unmetExpectation(flags.expect, result.verdict);
  if (unmet !== undefined) {
    io.stderr.write(`${unmet}\n`);
  }
  return unmet === undefined ? EXIT.ok : EXIT.expectationNotMet;
}

/** The commander program; `setExitCode` receives each action's exit code. */
function program(io: CliIo, setExitCode: (code: number) => void): Command {
  const root = new Command('meshlight')
    .description('Explains what a Kubernetes + Istio config does before it is deployed.')
    .version(meshlightVersion(), '-V, --version', 'print the version of meshlight')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('afterAll', EXIT_CODES_HELP);

  withMeshOptions(root.command('explain'))
    .description('print a summary per namespace (routing, mTLS, access, egress) and what needs a look; with --detail or a scope, '
      + 'per service its routes in evaluation order, an access matrix (caller x workload) and an egress table (workload x external host)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'mermaid', 'json']).default('text'))
    .option('--detail', 'every route, caller x target and egress decision (of the scope, when one is given)')
    .option('--in <namespace>', 'detail of a namespace: its routes, its workloads as targets and their callers, their egress (repeatable)', (v: string, p: string[] | undefined) => [...(p ?? []), v])
    .option('--service <host>', 'detail of a Service (name, name.namespace or full host): its routes and its workloads as targets')
    .option('--caller <caller>', 'detail of a caller (namespace/sa/name or namespace/workload): what it may call, its egress')
    .option('--target <workload>', 'detail of a target workload (namespace/name): who may call it, its egress')
    .option('--each', 'explain each path on its own, one after another (such as a fleet\'s cluster folders); json: a list of { path, explanation }')
    .action((paths: string[], flags: ExplainFlags) => {
      try {
        if (flags.each !== true) {
          io.stdout.write(explainOutput(meshOf(paths, flags, io), flags));
        } else if (flags.format === 'json') {
          const each = paths.map((p) => `{"path":${JSON.stringify(p)},"explanation":${explainOutput(meshOf([p], flags, io), flags).trimEnd()}}`);
          io.stdout.write(`[${each.join(',')}]\n`);
        } else {
          const heading = (p: string) => (flags.format === 'mermaid' ? `## ${p}\n\n` : `${'#'.repeat(p.length + 4)}\n# ${p} #\n${'#'.repeat(p.length + 4)}\n\n`);
          io.stdout.write(paths.map((p) => `${heading(p)}${explainOutput(meshOf([p], flags, io), flags)}`).join('\n'));
        }
        setExitCode(EXIT.ok);
      } catch (e) {
        setExitCode(fail(e, io));
      }
    });

  root.command('synth')
    .description('turn meshlight YAML spec files (GrayscaleService, ZeroTrustNamespace, EgressAllowList, MeshIngress documents) into '
      + 'Kubernetes and Istio manifests, <dir>/<chart>.k8s.yaml; with a Fleet document, <dir>/<cluster>/<cluster>.k8s.yaml per cluster '
      + '(and <dir>/argocd/ with its delivery); any problem is reported at its file:line:col and nothing is written')
    .argument('<files...>', 'spec files, or - for standard input', collectPath)
    .requiredOption('-o, --output <dir>', 'the directory to write to')
    .option('--chart <name>', 'the chart id, which names the output file (default: the first file\'s name without its extension)')
    .action((files: string[], flags: SynthFlags) => {
      try {
        setExitCode(synthCommand(files, flags, io));
      } catch (e) {
        setExitCode(fail(e, io));
      }
    });

  root.command('krm')
    .description('run as a KRM function (kpt, kustomize, Argo CD): read a ResourceList on standard input and write it to standard '
      + 'output, its meshlight spec documents replaced by the manifests synth writes, or unchanged with every problem as an error result '
      + '(exit 1); see docs/krm.md')
    .action(() => {
      try {
        setExitCode(krmCommand(io));
      } catch (e) {
        setExitCode(fail(e, io));
      }
    });

  withMeshOptions(root.command('check'))
    .description('what happens to one request: the route and version it reaches, then whether it is allowed and by which policy')
    .addOption(new Option('--from <caller>', 'the calling workload, namespace/workload, or identity, namespace/sa/name').conflicts('via'))
    .addOption(new Option('--via <gateway>', 'a request from the internet through a gateway: a Gateway namespace/name or the gateway\'s namespace/workload; --to is then the Host header as sent')
      .conflicts('fromLabel'))
    .requiredOption('--to <host>', 'the host called: a Service name (in the caller\'s namespace), name.namespace, or a full host; with --via, the Host header as sent')
    .option('--path <path>', 'request path, with an optional ?query', '/')
    .option('--method <method>', 'HTTP method', 'GET')
    .addOption(new Option('--header <name=value>', 'a request header (repeatable)')
      .argParser(collectPair('--header end-user=jason', true)).default({}, 'none'))
    .addOption(new Option('--from-label <key=value>', 'a pod label of a caller given as namespace/sa/name (repeatable)')
      .argParser(collectPair('--from-label app=sleep', false)).default({}, 'unknown'))
    .option('--port <port>', 'Service port called (default: its first port); with --via, the gateway port (default: 443 when an HTTPS server accepts the host, else 80)', parsePort)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--expect <verdict>', 'exit 1 unless the verdict is this one').choices(CHECK_OUTCOMES))
    .option('--token-issuer <iss>', 'with --via: the request carries a valid token of this issuer')
    .option('--token-audience <aud>', 'with --via: the token\'s audience (aud)')
    .option('--token-subject <sub>', 'with --via: the token\'s subject (sub)', 'user')
    .addOption(new Option('--no-token', 'with --via: the request carries no token (default: not known)').conflicts('tokenIssuer'))
    .action((paths: string[], flags: CheckFlags, command: Command) => {
      if ((flags.from === undefined) === (flags.via === undefined)) {
        command.error('error: give --from (a caller in the mesh) or --via (a gateway, for a request from the internet)');
      }
      if (flags.via === undefined && (flags.tokenIssuer !== undefined || !flags.token)) {
        command.error('error: --token-issuer and --no-token describe a request from the internet: give --via too');
      }
      try {
        if (flags.via !== undefined) {
          setExitCode(checkThroughGatewayCommand(meshOf(paths, flags, io), flags, io));
          return;
        }
        const result = checkRequest(meshOf(paths, flags, io), {
          from: flags.from!,
          fromLabels: Object.keys(flags.fromLabel).length === 0 ? undefined : flags.fromLabel,
          to: flags.to,
          path: flags.path,
          method: flags.method,
          headers: flags.header,
          port: flags.port,
        });
        io.stdout.write(flags.format === 'json' ? renderCheckJson(result) : renderCheckText(result));
        const unmet = flags.expect === undefined ? undefined : unmetExpectation(flags.expect, result.verdict);
        if (unmet !== undefined) {
          io.stderr.write(`${unmet}\n`);
        }
        setExitCode(unmet === undefined ? EXIT.ok : EXIT.expectationNotMet);
      } catch (e) {
        setExitCode(fail(e, io));
      }
    });
  return root;
}

/**
 * Runs the meshlight CLI on `argv` (the arguments after the program name, e.g. `['explain', 'dist/']`), with `io`.
 * Returns the exit code (EXIT): 0 done and any expectation met, 1 expectation not met or invalid input, 2 bad usage.
 */
export function run(argv: readonly string[], io: CliIo): number {
  let code: number = EXIT.ok;
  try {
    program(io, (c) => { code = c; }).parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has written its message (help, version, or a usage error) through configureOutput.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return fail(e, io);
  }
  return code;
}
