import { hostMatches } from './hosts';
import { MeshOptions, ObjectRef, readObject } from './objects';
import { SourcedManifest } from './source';
import { VirtualServiceConfig } from './virtual-service';

/** One host of a Gateway server: `namespace/host`, where namespace `*` (the default) admits VirtualServices of any namespace. */
export interface GatewayHost {
  /** `*` (any namespace), `.` (the Gateway's own), or a namespace name. */
  readonly namespace: string;
  /** The host, lower case; may be a wildcard such as `*.example.com`. */
  readonly host: string;
}

/** How a server terminates TLS (Gateway `servers[].tls`). */
export interface GatewayTls {
  /** `SIMPLE`, `MUTUAL`, `ISTIO_MUTUAL`, `PASSTHROUGH`, `AUTO_PASSTHROUGH`, `OPTIONAL_MUTUAL`; undefined when not written. */
  readonly mode?: string;
  readonly credentialName?: string;
  /** HTTP requests are answered with a 301 to HTTPS. */
  readonly httpsRedirect: boolean;
}

/**
 * One server of a Gateway: a port of the gateway pods and the hosts it accepts there.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export interface GatewayServer {
  readonly port: number;
  /** `HTTP`, `HTTPS`, `HTTP2`, `GRPC`, `TLS`, `TCP`, `MONGO`, upper case. */
  readonly protocol: string;
  readonly portName?: string;
  readonly hosts: readonly GatewayHost[];
  readonly tls?: GatewayTls;
}

/** A Gateway (networking.istio.io), as far as meshlight explain reads it. */
export interface GatewayConfig extends ObjectRef {
  /** Labels of the gateway pods it configures, in any namespace. */
  readonly selector: Readonly<Record<string, string>>;
  readonly servers: readonly GatewayServer[];
}

/** Reads a Gateway. */
export function readGateway(manifest: SourcedManifest, options: MeshOptions, problems: string[]): GatewayConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const servers = reader.list(spec.servers, 'spec.servers').map((s, i): GatewayServer => {
    const at = `spec.servers[${i}]`;
    const server = reader.record(s, at) ?? {};
    const port = reader.record(server.port, `${at}.port`) ?? {};
    const tls = reader.record(server.tls, `${at}.tls`);
    return {
      port: reader.number(port.number, `${at}.port.number`) ?? 0,
      protocol: (reader.string(port.protocol, `${at}.port.protocol`) ?? 'HTTP').toUpperCase(),
      portName: reader.string(port.name, `${at}.port.name`),
      hosts: reader.strings(server.hosts, `${at}.hosts`).map(parseGatewayHost),
      tls: tls === undefined ? undefined : {
        mode: reader.string(tls.mode, `${at}.tls.mode`),
        credentialName: reader.string(tls.credentialName, `${at}.tls.credentialName`),
        httpsRedirect: tls.httpsRedirect === true,
      },
    };
  });
  return { ...ref, selector: reader.stringMap(spec.selector, 'spec.selector') ?? {}, servers };
}

function parseGatewayHost(written: string): GatewayHost {
  const slash = written.indexOf('/');
  return slash === -1 ? { namespace: '*', host: written.toLowerCase() } : { namespace: written.slice(0, slash), host: written.slice(slash + 1).toLowerCase() };
}

/** A Gateway host as written: `namespace/host`. */
export function describeGatewayHost(h: GatewayHost): string {
  return `${h.namespace}/${h.host}`;
}

/** The server's protocols that carry HTTP, whose requests VirtualService `http` routes decide. */
export function isHttpServer(server: GatewayServer): boolean {
  return ['HTTP', 'HTTPS', 'HTTP2', 'GRPC'].includes(server.protocol) && !(server.protocol === 'HTTPS' && server.tls?.mode?.endsWith('PASSTHROUGH') === true);
}

/**
 * True when `vs` names `gateway` in `gateways`: `namespace/name`, or a bare `name` meaning the VirtualService's own
 * namespace (as Istio reads it, whatever namespace the Gateway is in).
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-gateways
 */
export function namesGateway(written: string, vsNamespace: string, gateway: Pick<ObjectRef, 'namespace' | 'name'>): boolean {
  const slash = written.indexOf('/');
  const [namespace, name] = slash === -1 ? [vsNamespace, written] : [written.slice(0, slash), written.slice(slash + 1)];
  return namespace === gateway.namespace && name === gateway.name;
}

/** True when a server host admits hosts of a VirtualService in `vsNamespace` (`*`, `.` for the Gateway's own, or that namespace). */
function admitsNamespace(h: GatewayHost, gateway: GatewayConfig, vsNamespace: string): boolean {
  return h.namespace === '*' || h.namespace === vsNamespace || (h.namespace === '.' && gateway.namespace === vsNamespace);
}

/** The hosts of `vs` that the server exposes: the VirtualService's host must fit a server host whose namespace admits it. */
export function hostsExposedBy(server: GatewayServer, gateway: GatewayConfig, vs: Pick<VirtualServiceConfig, 'namespace' | 'writtenHosts'>): string[] {
  return vs.writtenHosts.map((h) => h.toLowerCase())
    .filter((h) => server.hosts.some((s) => admitsNamespace(s, gateway, vs.namespace) && (hostMatches(s.host, h) || hostMatches(h, s.host))));
}

/** The VirtualServices bound to `gateway` (its name in their `gateways`), in name order. */
export function virtualServicesOf(gateway: GatewayConfig, virtualServices: readonly VirtualServiceConfig[]): VirtualServiceConfig[] {
  return virtualServices.filter((vs) => vs.gateways.some((g) => namesGateway(g, vs.namespace, gateway)));
}

/**
 * The server of `gateway` that accepts a request for `authority` (the Host header: any case, with or without a port,
 * which Istio's gateway virtual hosts accept as `host` and `host:*`) on gateway port `port`. Exact hosts win over
 * wildcards, as in Envoy's virtual host choice.
 */
export function serverFor(gateway: GatewayConfig, authority: string, port: number): { server: GatewayServer; host: GatewayHost } | undefined {
  const host = hostWithoutPort(authority);
  const candidates = gateway.servers.filter((s) => s.port === port)
    .flatMap((server) => server.hosts.filter((h) => hostMatches(h.host, host)).map((h) => ({ server, host: h })));
  return candidates.find((c) => c.host.host === host) ?? candidates.sort((a, b) => b.host.host.length - a.host.host.length)[0];
}

/** The host of a Host header, lower case, without its port. */
export function hostWithoutPort(authority: string): string {
  return authority.toLowerCase().replace(/:\d*$/, '');
}

