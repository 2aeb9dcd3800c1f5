import { MeshlightValidationError, Problem, ProblemCollector, quote, reportedAt } from './errors';
import { checkKnownFields, fieldsOf, isLiteralObject, isRecord } from './fields';
import { compareText, MANAGED_BY_LABEL, Manifest, sortedRecord } from './manifest';
import { isDns1035Label, isDnsLabel, isDnsSubdomain, isLabelSet, serviceHost } from './names';
import { renderSidecar } from './sidecar';
import { checkIdentity, HasIdentity, identityOf, WorkloadIdentity } from './workload';

/**
 * How traffic to an external port is carried.
 * - `TLS`: the workload speaks TLS itself (HTTPS, TLS databases); the proxy routes by SNI.
 * - `HTTP`: plain HTTP; the proxy routes by Host header.
 * - `TCP`: opaque TCP; only for fixed hosts, as it carries no name a wildcard could be checked against.
 */
export type EgressProtocol = 'TLS' | 'HTTP' | 'TCP';

/** One port of an allowed host. */
export interface EgressPortProps {
  /** Port number. */
  readonly number: number;
  /**
   * How the traffic is carried (ServiceEntry `ports[].protocol`).
   * @default - TLS for 443, HTTP for 80, TCP otherwise
   */
  readonly protocol?: EgressProtocol;
}

/**
 * An allowed external host. A plain string means that host on port 443 over TLS.
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
 */
export interface EgressHostProps {
  /** Host name, e.g. `oss-cn-hangzhou.aliyuncs.com`, or a wildcard such as `*.example.com`. No scheme, no path. */
  readonly host: string;
  /** Ports that may be used. @default [{ number: 443, protocol: 'TLS' }] */
  readonly ports?: readonly EgressPortProps[];
  /**
   * How the proxy finds the host's addresses (ServiceEntry `resolution`). Either way the proxy, not the application,
   * picks the address: `DNS` resolves the fixed host; `DYNAMIC_DNS` (wildcards only, Istio 1.30 or later) resolves
   * the name each connection carries (TLS SNI or HTTP Host) through Envoy's dynamic forward proxy. `DNS` for a
   * wildcard or `DYNAMIC_DNS` for a fixed host is an error, and so is `NONE`, which would forward to whatever address
   * the application connects to.
   * @default - DNS for a fixed host, DYNAMIC_DNS for a wildcard
   * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Resolution
   */
  readonly resolution?: EgressResolution;
}

/**
 * How the proxy finds an allowed host's addresses: by DNS for the fixed host (`DNS`), or, for a wildcard, by DNS for
 * the name each connection carries (`DYNAMIC_DNS`).
 */
export type EgressResolution = 'DNS' | 'DYNAMIC_DNS';

/** An allowed host: a name (port 443 over TLS) or the host with its ports. */
export type EgressHostLike = string | EgressHostProps;

/** Pods picked by labels, for an allow-list of one workload that is not a GrayscaleService. */
export interface WorkloadSelectorProps {
  /** A name for the workload, used in object names; a DNS-1123 label. */
  readonly name: string;
  /** Labels of its pods. */
  readonly labels: Readonly<Record<string, string>>;
  /** Its service account; needed with an egress gateway, which admits callers by identity. @default - unknown */
  readonly serviceAccount?: string;
}

/** The egress gateway allowed traffic leaves through. The defaults are those of Istio's `egress` profile. */
export interface EgressGatewayProps {
  /** Namespace of the gateway. @default 'istio-system' */
  readonly namespace?: string;
  /** Name of the gateway's Service. @default 'istio-egressgateway' */
  readonly service?: string;
  /** Labels of the gateway pods. @default { istio: 'egressgateway' } */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Props of an EgressAllowList: the external hosts one namespace, or one workload in it, may reach. Everything else
 * stays blocked (Sidecar `outboundTrafficPolicy: REGISTRY_ONLY`).
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
 */
export interface EgressAllowListProps {
  /** The allowed hosts. */
  readonly hosts: readonly EgressHostLike[];

  /**
   * Namespace of the workloads the list is for.
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * The one workload the list is for: a GrayscaleService, a workload selected by labels, or (in a
   * ZeroTrustNamespace) the name of a declared workload.
   * @default - every workload of the namespace
   */
  readonly workload?: HasIdentity | WorkloadSelectorProps | string;

  /**
   * Send allowed traffic through an egress gateway (Gateway, VirtualService, DestinationRule with mTLS to the
   * gateway), and admit at the gateway only the workloads whose list names the host. TLS ports only.
   * @default false
   * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
   */
  readonly egressGateway?: boolean | EgressGatewayProps;

  /**
   * Emit a NetworkPolicy so the pods can leave only through DNS, the mesh and the allowed route out (the egress
   * gateway, or the allowed ports), so pods without a proxy are fenced too. Always on in a ZeroTrustNamespace,
   * whose own NetworkPolicies it extends.
   * @default false
   */
  readonly networkPolicy?: boolean;

  /**
   * Let the scope reach any host (`outboundTrafficPolicy: ALLOW_ANY`); needed to list the host `*`.
   * @default false
   */
  readonly allowAnyHost?: boolean;

  /**
   * Trust domain of the mesh, for the principals the egress gateway admits.
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;

  /**
   * DNS domain of the cluster.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
}

/** A port of an allowed host, resolved. */
interface PortPlan {
  readonly number: number;
  readonly protocol: EgressProtocol;
}

/** An allowed host, resolved. */
export interface HostPlan {
  readonly host: string;
  /** DNS-1123 label derived from the host, for object names. */
  readonly slug: string;
  readonly ports: readonly PortPlan[];
  /** DNS for a fixed host, DYNAMIC_DNS for a wildcard: the only pairs planHost lets through. */
  readonly resolution: EgressResolution;
}

/** Orders planned hosts by name, as their ServiceEntries are listed. */
export function byHost(a: HostPlan, b: HostPlan): number {
  return compareText(a.host, b.host);
}

/** The workloads an allow-list is for. */
export interface EgressScope {
  /** The workload, or undefined for the whole namespace. */
  readonly workload?: { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly serviceAccount?: string };
}

/** The gateway, resolved. */
interface GatewayPlan {
  readonly namespace: string;
  readonly host: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What an EgressAllowList resolves to after validation. */
export interface EgressPlan {
  readonly namespace: string;
  readonly scope: EgressScope;
  readonly hosts: readonly HostPlan[];
  readonly gateway?: GatewayPlan;
  readonly networkPolicy: boolean;
  readonly allowAnyHost: boolean;
  readonly trustDomain: string;
  /** Name of the scope: the workload's name, or the namespace's. */
  readonly scopeName: string;
}

/** Whom an allow-list is for, as a key: the namespace, or one workload of it (see egressKey). */
export const workloadListKey = (workload: string): string => `workload ${workload}`;

/** Whom `list` is for, as a key: the allow-lists of one scope share its Sidecar, NetworkPolicy and gateway policy. */
export function egressKey(list: EgressPlan): string {
  return list.scope.workload === undefined ? `namespace ${list.scopeName}` : workloadListKey(list.scopeName);
}

/** Where errors are reported from, and how a named workload is looked up. */
export interface EgressContext {
  readonly path: string;
  /** Prefix of every field in errors, e.g. `egress[0].` when the list is part of a ZeroTrustNamespace. */
  readonly fieldPrefix?: string;
  /** The namespace, when the list belongs to a ZeroTrustNamespace. */
  readonly namespace?: string;
  /** Declared workloads a string `workload` may name. */
  readonly workloads?: readonly WorkloadIdentity[];
}

const GATEWAY_PORT = 443;

// The fields each props interface declares, for reporting misspelt ones.
const ALLOW_LIST_FIELDS = fieldsOf<EgressAllowListProps>({
  hosts: true, namespace: true, workload: true, egressGateway: true, networkPolicy: true, allowAnyHost: true,
  trustDomain: true, clusterDomain: true,
});
const HOST_FIELDS = fieldsOf<EgressHostProps>({ host: true, ports: true, resolution: true });
const PORT_FIELDS = fieldsOf<EgressPortProps>({ number: true, protocol: true });
const SELECTOR_FIELDS = fieldsOf<WorkloadSelectorProps>({ name: true, labels: true, serviceAccount: true });
const GATEWAY_FIELDS = fieldsOf<EgressGatewayProps>({ namespace: true, service: true, labels: true });


/** Records a problem unless `props` is an object; `field` is where the props sit ('' for a construct's own props). */
function checkAllowListObject(problems: ProblemCollector, field: string, props: unknown): props is Record<string, unknown> {
  if (isRecord(props)) return true;
  problems.add(field === '' ? 'props' : field, props, 'is not an allow-list', 'use an object such as { hosts: ["www.example.com"] }');
  return false;
}

/**
 * Returns `props` when they are an object, for a front end to take them apart; throws MeshlightValidationError,
 * naming `context.path`, when they are not (e.g. left out).
 */
export function allowListObject<T>(props: T, context: { readonly path: string }): T {
  const problems = new ProblemCollector(context.path);
  checkAllowListObject(problems, '', props);
  problems.throwIfAny();
  return props;
}

/** A DNS-1123 label naming a host in object names: `*.example.com` becomes `wildcard-example-com`. */
export function hostSlug(host: string): string {
  const slug = host.replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.length <= 50 ? slug : slug.slice(0, 50).replace(/-+$/, '');
}

function defaultProtocol(port: number): EgressProtocol {
  return port === 443 ? 'TLS' : port === 80 ? 'HTTP' : 'TCP';
}

function suggestHost(raw: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(raw) ?? /^([^/:?#]+)[/:]/.exec(raw);
  return match?.[1]?.toLowerCase();
}

function planHost(problems: ProblemCollector, field: string, raw: unknown, allowAnyHost: boolean): HostPlan | undefined {
  const given = typeof raw === 'string' ? { host: raw } : raw;
  if (!isRecord(given)) {
    problems.add(field, raw, 'is not a host', 'use a host name such as "www.example.com", or { host, ports }');
    return undefined;
  }
  const misspelt = typeof raw !== 'string' && checkKnownFields(problems, field, given, HOST_FIELDS, 'an allowed host');
  const h = given as Partial<EgressHostProps>;
  const host = h.host;
  if (host === undefined) {
    if (!misspelt) problems.add(`${field}.host`, host, 'is missing', 'give the host name, e.g. { host: "www.example.com", ports: [{ number: 443 }] }');
    return undefined;
  }
  if (typeof host !== 'string') {
    problems.add(`${field}.host`, host, 'is not a host name', 'use a host name such as "www.example.com"');
    return undefined;
  }
  if (host === '*') {
    if (!allowAnyHost) {
      problems.add(`${field}.host`, host, 'allows every host, which is no allow-list', 'list the hosts the workloads need, or set allowAnyHost: true to allow any host on purpose');
    }
    return undefined;
  }
  const wildcard = host.startsWith('*.');
  const name = wildcard ? host.slice(2) : host;
  if (!isDnsSubdomain(name)) {
    const suggestion = suggestHost(host);
    problems.add(`${field}.host`, host, suggestion && suggestion !== host ? 'is a URL, not a host' : 'is not a valid host name',
      suggestion && suggestion !== host ? `use the host alone: "${suggestion}"` : 'use a lower-case DNS name such as "api.example.com", or "*.example.com" for its subdomains');
    return undefined;
  }
  // The one resolution that fits the host: the proxy resolves it, so the application cannot pick the address.
  const resolution: EgressResolution = wildcard ? 'DYNAMIC_DNS' : 'DNS';
  const written: unknown = h.resolution;
  if (written === 'NONE') {
    problems.add(`${field}.resolution`, written, `forwards to whatever address the application connects to, so any IP would be reachable under the name ${host}`,
      wildcard ? 'leave resolution out; DYNAMIC_DNS is used' : 'leave resolution out; DNS is used');
  } else if (written !== undefined && written !== 'DNS' && written !== 'DYNAMIC_DNS') {
    problems.add(`${field}.resolution`, written, 'is not a resolution', 'leave resolution out: DNS is used for a fixed host, DYNAMIC_DNS for a wildcard');
  } else if (wildcard && written === 'DNS') {
    problems.add(`${field}.resolution`, written, `cannot resolve the wildcard host ${host}`, 'leave resolution out (DYNAMIC_DNS is used for wildcards), or list fixed hosts');
  } else if (!wildcard && written === 'DYNAMIC_DNS') {
    problems.add(`${field}.resolution`, written, `resolves the name each connection carries, which Istio does for wildcard hosts only, not for ${host}`,
      'leave resolution out (DNS is used for a fixed host), or write the host as a wildcard such as "*.example.com"');
  }
  const ports: PortPlan[] = [];
  const rawPorts = h.ports === undefined ? [{ number: 443 }] : h.ports;
  if (!Array.isArray(rawPorts) || rawPorts.length === 0) {
    problems.add(`${field}.ports`, rawPorts, 'is not a non-empty list of ports', 'use [{ number: 443 }] or leave ports out for HTTPS');
    return undefined;
  }
  rawPorts.forEach((p: unknown, i) => {
    if (!isRecord(p)) {
      problems.add(`${field}.ports[${i}]`, p, 'is not a port', 'use { number: 443 }, with protocol if the default does not fit');
      return;
    }
    const misspeltPort = checkKnownFields(problems, `${field}.ports[${i}]`, p, PORT_FIELDS, 'a port');
    const number = p.number;
    if (number === undefined) {
      if (!misspeltPort) problems.add(`${field}.ports[${i}].number`, number, 'is missing', 'give the port number, e.g. { number: 8443 }');
      return;
    }
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) {
      problems.add(`${field}.ports[${i}].number`, number, 'is not a port number', 'use a whole number from 1 to 65535');
      return;
    }
    if (ports.some((q) => q.number === number)) {
      problems.add(`${field}.ports[${i}].number`, number, 'is listed twice', 'list each port once');
      return;
    }
    const protocol = p.protocol === undefined ? defaultProtocol(number) : p.protocol as EgressProtocol;
    if (!['TLS', 'HTTP', 'TCP'].includes(protocol)) {
      problems.add(`${field}.ports[${i}].protocol`, protocol, 'is not a protocol', 'use "TLS" (HTTPS and other TLS), "HTTP" or "TCP"');
      return;
    }
    if (protocol === 'TCP' && wildcard) {
      problems.add(`${field}.ports[${i}].protocol`, protocol, `carries no name (TLS SNI or HTTP Host) to check against the wildcard ${host}, so on port ${number} it would open the port to every address`, 'use TLS or HTTP, or list the fixed hosts');
      return;
    }
    ports.push({ number, protocol });
  });
  return { host, slug: hostSlug(host), ports: ports.sort((a, b) => a.number - b.number), resolution };
}

function planScope(problems: ProblemCollector, field: string, raw: unknown, context: EgressContext): EgressScope | undefined {
  if (raw === undefined) return {};
  if (typeof raw === 'string') {
    const found = context.workloads?.find((w) => w.name === raw);
    if (found !== undefined) return { workload: found };
    if (context.workloads === undefined) {
      problems.add(field, raw, 'names a workload, which only a ZeroTrustNamespace can look up', 'pass the GrayscaleService itself, or { name, labels } to select the pods');
    } else {
      problems.add(field, raw, 'is not a workload of the namespace',
        `declare it in the ZeroTrustNamespace's workloads, e.g. { name: ${quote(raw)}, serviceAccount: ${quote(raw)} }, or pass the GrayscaleService itself, or { name, labels } to select the pods`);
    }
    return undefined;
  }
  const identity = identityOf(raw);
  if (identity !== undefined) return checkIdentity(problems, field, identity) ? { workload: identity } : undefined;
  if (!isLiteralObject(raw)) {
    problems.add(field, raw, 'is not a workload', 'pass a GrayscaleService, { name, labels } to select the pods, or (in a ZeroTrustNamespace) the name of a declared workload');
    return undefined;
  }
  const misspelt = checkKnownFields(problems, field, raw, SELECTOR_FIELDS, 'a workload selector');
  const w = raw as Partial<WorkloadSelectorProps>;
  const before = problems.count;
  const name = typeof w.name === 'string' && isDnsLabel(w.name) ? w.name : undefined;
  if (w.name === undefined) {
    if (!misspelt) problems.add(`${field}.name`, w.name, 'is missing', 'give the workload a name for the objects about it, e.g. { name: "legacy", labels: { app: "legacy" } }');
  } else if (name === undefined) {
    problems.add(`${field}.name`, w.name, 'is not a valid workload name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  const labels = w.labels;
  if (labels === undefined) {
    if (!misspelt) problems.add(`${field}.labels`, labels, 'is missing', `give the labels of the workload's pods, e.g. labels: { app: "${name ?? 'legacy'}" }`);
  } else if (!isLabelSet(labels)) {
    problems.add(`${field}.labels`, labels, 'is not a non-empty set of valid labels', `use the labels of the workload's pods, e.g. { app: "${name ?? 'legacy'}" }`);
  }
  if (w.serviceAccount !== undefined && (typeof w.serviceAccount !== 'string' || !isDnsSubdomain(w.serviceAccount))) {
    problems.add(`${field}.serviceAccount`, w.serviceAccount, 'is not a service account name', 'use the name of the service account the pods run as');
  }
  // After a misspelt field (say serviceAcount), checks that rely on the selector would only report its absence again.
  if (misspelt || problems.count !== before || name === undefined || !isLabelSet(labels)) return undefined;
  return { workload: { name, labels: sortedRecord(labels), serviceAccount: w.serviceAccount } };
}

/** Validates an allow-list and resolves its defaults. Problems go to `problems`; returns undefined if any. */
export function planEgressAllowList(problems: ProblemCollector, props: EgressAllowListProps, context: EgressContext): EgressPlan | undefined {
  const prefix = context.fieldPrefix ?? '';
  // Where the props themselves sit: '' for a construct's own props, `egress[0]` in a ZeroTrustNamespace.
  const at = prefix.replace(/\.$/, '');
  const before = problems.count;
  if (!checkAllowListObject(problems, at, props)) return undefined;
  const input = props as Partial<EgressAllowListProps>;
  const misspelt = checkKnownFields(problems, at, input, ALLOW_LIST_FIELDS, 'an allow-list');
  const namespace = context.namespace ?? (input.namespace === undefined ? 'default' : input.namespace);
  if (context.namespace !== undefined && input.namespace !== undefined && input.namespace !== context.namespace) {
    problems.add(`${prefix}namespace`, input.namespace, `differs from the ZeroTrustNamespace "${context.namespace}" the list belongs to`, 'leave namespace out');
  } else if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add(`${prefix}namespace`, namespace, 'is not a namespace name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  const allowAnyHost = input.allowAnyHost === undefined ? false : input.allowAnyHost;
  if (typeof allowAnyHost !== 'boolean') {
    problems.add(`${prefix}allowAnyHost`, allowAnyHost, 'is not true or false', 'leave it out to allow only the listed hosts');
  }
  const hosts: HostPlan[] = [];
  // Where each planned host was given in `hosts`, for problems found once the gateway is known.
  const givenAt = new Map<HostPlan, number>();
  if (input.hosts === undefined) {
    if (!misspelt) problems.add(`${prefix}hosts`, input.hosts, 'is missing', 'list the external hosts the workloads need, e.g. hosts: ["oss-cn-hangzhou.aliyuncs.com"]');
  } else if (!Array.isArray(input.hosts)) {
    problems.add(`${prefix}hosts`, input.hosts, 'is not a list of hosts', `use an array such as [${typeof input.hosts === 'string' ? quote(input.hosts) : '"www.example.com"'}]`);
  } else if (input.hosts.length === 0 && allowAnyHost !== true) {
    problems.add(`${prefix}hosts`, input.hosts, 'lists no hosts', 'list the external hosts the workloads need, e.g. ["oss-cn-hangzhou.aliyuncs.com"]');
  } else {
    input.hosts.forEach((raw, i) => {
      const plan = planHost(problems, `${prefix}hosts[${i}]`, raw, allowAnyHost === true);
      if (plan === undefined) return;
      const twin = hosts.find((h) => h.host === plan.host);
      if (twin !== undefined) {
        problems.add(`${prefix}hosts[${i}]`, plan.host, 'is listed twice', 'list each host once, with all its ports');
      } else if (hosts.some((h) => h.slug === plan.slug)) {
        problems.add(`${prefix}hosts[${i}]`, plan.host, `gives the same object name "${plan.slug}" as another host`, 'list hosts whose names differ in more than punctuation');
      } else {
        hosts.push(plan);
        givenAt.set(plan, i);
      }
    });
  }
  const scope = planScope(problems, `${prefix}workload`, input.workload, context);
  if (scope?.workload !== undefined && 'namespace' in scope.workload && (scope.workload as WorkloadIdentity).namespace !== namespace) {
    problems.add(`${prefix}workload`, scope.workload.name, `runs in namespace "${(scope.workload as WorkloadIdentity).namespace}", not "${namespace}"`, 'give the allow-list the workload\'s namespace');
  }
  const trustDomain = input.trustDomain === undefined ? 'cluster.local' : input.trustDomain;
  if (typeof trustDomain !== 'string' || !isDnsSubdomain(trustDomain)) {
    problems.add(`${prefix}trustDomain`, trustDomain, 'is not a valid trust domain', 'use a lower-case DNS name such as "cluster.local"');
  }
  let clusterDomain = input.clusterDomain === undefined ? 'cluster.local' : input.clusterDomain;
  if (typeof clusterDomain !== 'string' || !isDnsSubdomain(clusterDomain)) {
    problems.add(`${prefix}clusterDomain`, clusterDomain, 'is not a DNS domain', 'use your cluster\'s domain, usually "cluster.local"');
    clusterDomain = 'cluster.local';
  }
  const gateway = planGateway(problems, `${prefix}egressGateway`, input.egressGateway, clusterDomain);
  if (gateway !== undefined) {
    for (const h of hosts) {
      const i = givenAt.get(h)!;
      if (h.host.startsWith('*.')) {
        problems.add(`${prefix}hosts[${i}].host`, h.host, 'is a wildcard, which cannot go through the egress gateway: Istio resolves wildcards (DYNAMIC_DNS) in sidecars only, and the gateway cannot resolve a wildcard',
          'list the fixed hosts for the gateway list, or put the wildcard host in a separate allow-list without egressGateway');
      }
      if (h.ports.length !== 1 || h.ports[0].protocol !== 'TLS') {
        problems.add(`${prefix}hosts[${i}].ports`, h.ports, 'are not a single TLS port; meshlight routes one TLS port per host through the egress gateway, with mTLS from the proxy', 'give the host one TLS port, or use a separate allow-list without egressGateway for the others');
      }
    }
    if (scope?.workload !== undefined && scope.workload.serviceAccount === undefined) {
      problems.add(`${prefix}workload.serviceAccount`, undefined, 'is missing: the egress gateway admits callers by their service account', 'give the workload\'s serviceAccount, or pass the GrayscaleService itself');
    }
    if (allowAnyHost === true) {
      problems.add(`${prefix}allowAnyHost`, true, 'cannot be combined with an egress gateway, which admits listed hosts only', 'remove one of them');
    }
  }
  const networkPolicy = input.networkPolicy === undefined ? false : input.networkPolicy;
  if (typeof networkPolicy !== 'boolean') {
    problems.add(`${prefix}networkPolicy`, networkPolicy, 'is not true or false', 'use true to fence pods without a proxy too');
  }
  if (problems.count !== before || scope === undefined) return undefined;
  return {
    namespace, scope, hosts: hosts.sort(byHost), gateway, networkPolicy, allowAnyHost, trustDomain,
    scopeName: scope.workload?.name ?? namespace,
  };
}

function planGateway(problems: ProblemCollector, field: string, raw: unknown, clusterDomain: string): GatewayPlan | undefined {
  if (raw === undefined || raw === false) return undefined;
  const g = raw === true ? {} : raw;
  if (!isRecord(g)) {
    problems.add(field, raw, 'is not true, false or gateway settings', 'use true for Istio\'s default egress gateway');
    return undefined;
  }
  const before = problems.count;
  checkKnownFields(problems, field, g, GATEWAY_FIELDS, 'egress gateway settings');
  const namespace = g.namespace === undefined ? 'istio-system' : g.namespace;
  if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add(`${field}.namespace`, namespace, 'is not a namespace name (DNS-1123 label)', 'use the namespace the egress gateway runs in, e.g. "istio-system"');
  }
  const service = g.service === undefined ? 'istio-egressgateway' : g.service;
  if (typeof service !== 'string' || !isDns1035Label(service)) {
    problems.add(`${field}.service`, service, 'is not a Service name (DNS-1035 label)', 'use the name of the gateway\'s Service alone, e.g. "istio-egressgateway", and give its namespace as namespace');
  }
  const labels = g.labels === undefined ? { istio: 'egressgateway' } : g.labels;
  if (!isLabelSet(labels)) {
    problems.add(`${field}.labels`, labels, 'is not a non-empty set of valid labels', 'use the labels of the gateway pods as an object, e.g. { istio: "egressgateway" }');
  }
  if (problems.count !== before || typeof namespace !== 'string' || typeof service !== 'string' || !isLabelSet(labels)) return undefined;
  return { namespace, host: serviceHost(service, namespace, clusterDomain), labels: sortedRecord(labels) };
}

function meta(namespace: string, name: string): Manifest['metadata'] {
  return { name, namespace, labels: { ...MANAGED_BY_LABEL } };
}

/** The name of the ServiceEntry of an allowed host. */
export function serviceEntryName(host: HostPlan): string {
  return `egress-${host.slug}`;
}

/** The ServiceEntry that puts one external host in the namespace's registry, visible to that namespace only. */
export function renderServiceEntry(namespace: string, host: HostPlan): Manifest {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: meta(namespace, serviceEntryName(host)),
    spec: {
      exportTo: ['.'],
      hosts: [host.host],
      location: 'MESH_EXTERNAL',
      ports: host.ports.map((p) => ({ name: `${p.protocol.toLowerCase()}-${p.number}`, number: p.number, protocol: p.protocol })),
      resolution: host.resolution,
    },
  };
}

/** The Sidecar egress hosts through which the scope's proxies see the allowed hosts (and, with a gateway, the gateway). */
export function sidecarHostsOf(plan: EgressPlan): string[] {
  const hosts = plan.hosts.map((h) => `./${h.host}`);
  if (plan.gateway !== undefined) hosts.push(`${plan.gateway.namespace}/${plan.gateway.host}`);
  return hosts;
}

/** The objects that route allowed traffic through the egress gateway and admit only this list's workloads there. */
export function renderGatewayRoute(plan: EgressPlan): Manifest[] {
  return plan.gateway === undefined ? [] : [...renderGatewayHostRoutes(plan), renderGatewayAuthorization([plan])];
}

/** Per host of a list with an egress gateway: the Gateway, the mTLS DestinationRule and the VirtualService that route it out. */
export function renderGatewayHostRoutes(plan: EgressPlan): Manifest[] {
  const gateway = plan.gateway;
  if (gateway === undefined) return [];
  const out: Manifest[] = [];
  for (const h of plan.hosts) {
    const name = `egress-${h.slug}`;
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: meta(plan.namespace, name),
      spec: {
        selector: gateway.labels,
        servers: [{ hosts: [h.host], port: { name: `tls-${h.slug}`.slice(0, 63).replace(/-+$/, ''), number: GATEWAY_PORT, protocol: 'TLS' }, tls: { mode: 'ISTIO_MUTUAL' } }],
      },
    });
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: meta(plan.namespace, `${name}-via-gateway`),
      spec: {
        exportTo: ['.'],
        host: gateway.host,
        subsets: [{ name: h.slug, trafficPolicy: { portLevelSettings: [{ port: { number: GATEWAY_PORT }, tls: { mode: 'ISTIO_MUTUAL', sni: h.host } }] } }],
      },
    });
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: meta(plan.namespace, name),
      spec: {
        exportTo: ['.'],
        gateways: ['mesh', `${plan.namespace}/${name}`],
        hosts: [h.host],
        tcp: [{
          match: [{ gateways: [`${plan.namespace}/${name}`], port: GATEWAY_PORT }],
          route: [{ destination: { host: h.host, port: { number: h.ports[0].number } } }],
        }],
        tls: h.ports.map((p) => ({
          match: [{ gateways: ['mesh'], port: p.number, sniHosts: [h.host] }],
          route: [{ destination: { host: gateway.host, port: { number: GATEWAY_PORT }, subset: h.slug } }],
        })),
      },
    });
  }
  return out;
}

/** The name of the AuthorizationPolicy, in the gateway's namespace, that admits a scope's workloads at the egress gateway. */
export function gatewayAuthorizationName(plan: EgressPlan): string {
  return `egress-${plan.namespace}-${plan.scopeName}`.slice(0, 253);
}

/**
 * The AuthorizationPolicy that admits the workloads of one scope at the egress gateway, for the hosts of `lists`: the
 * allow-lists of that scope that go through the gateway, all through the same one.
 */
export function renderGatewayAuthorization(lists: readonly EgressPlan[]): Manifest {
  const [plan] = lists;
  const gateway = plan.gateway!;
  const source = plan.scope.workload === undefined
    ? { namespaces: [plan.namespace] }
    : { principals: [`${plan.trustDomain}/ns/${plan.namespace}/sa/${plan.scope.workload.serviceAccount}`] };
  const hosts = lists.length === 1 ? plan.hosts : [...new Map(lists.flatMap((l) => l.hosts).map((h) => [h.host, h])).values()].sort(byHost);
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: meta(gateway.namespace, gatewayAuthorizationName(plan)),
    spec: {
      action: 'ALLOW',
      rules: [{ from: [{ source }], when: [{ key: 'connection.sni', values: hosts.map((h) => h.host) }] }],
      selector: { matchLabels: gateway.labels },
    },
  };
}

// IPv4 blocks not publicly routable, in address order: IANA's IPv4 special-purpose registry (not globally reachable) and multicast.
const NON_PUBLIC_IPV4: readonly string[] = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private (RFC 1918)
  '100.64.0.0/10', // shared address space, carrier-grade NAT (RFC 6598); some clusters put pods or Services here
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, among them cloud metadata servers
  '172.16.0.0/12', // private (RFC 1918)
  '192.0.0.0/24', // IETF protocol assignments (RFC 6890)
  '192.0.2.0/24', // documentation, TEST-NET-1 (RFC 5737)
  '192.88.99.0/24', // deprecated 6to4 relay anycast (RFC 7526)
  '192.168.0.0/16', // private (RFC 1918)
  '198.18.0.0/15', // benchmarking (RFC 2544)
  '198.51.100.0/24', // documentation, TEST-NET-2 (RFC 5737)
  '203.0.113.0/24', // documentation, TEST-NET-3 (RFC 5737)
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and the limited broadcast 255.255.255.255
];

// IPv6 blocks not publicly routable, in address order: IANA's IPv6 special-purpose registry (not globally reachable), 6to4, site-local and multicast.
const NON_PUBLIC_IPV6: readonly string[] = [
  '::/128', // unspecified
  '::1/128', // loopback
  '::ffff:0:0/96', // IPv4-mapped: the IPv4 rule applies to these
  '64:ff9b:1::/48', // local-use IPv4/IPv6 translation (RFC 8215)
  '100::/64', // discard-only (RFC 6666)
  '2001::/23', // IETF protocol assignments: Teredo, benchmarking, ORCHID (RFC 2928)
  '2001:db8::/32', // documentation (RFC 3849)
  '2002::/16', // 6to4 (RFC 3056), which carries any IPv4 address, private ones too; deprecated (RFC 7526)
  '3fff::/20', // documentation (RFC 9637)
  '5f00::/16', // segment routing SIDs (RFC 9602)
  'fc00::/7', // unique local (RFC 4193)
  'fe80::/10', // link-local
  'fec0::/10', // site-local, deprecated (RFC 3879)
  'ff00::/8', // multicast
];

/**
 * NetworkPolicy egress rules for the way out: to the gateway pods, or to public addresses on the allowed ports. A
 * NetworkPolicy sees addresses, not names: it cannot keep pods to the listed hosts, only away from the cluster's and
 * other private networks; the proxy checks names.
 */
export function externalEgressRules(plan: EgressPlan): Record<string, unknown>[] {
  return externalEgressRulesOf([plan]);
}

/**
 * The NetworkPolicy egress rules of the allow-lists of one scope: to the gateway pods for those through the egress
 * gateway (all through the same one), and to public addresses on the ports of the others (any port when one of them
 * allows any host).
 */
export function externalEgressRulesOf(lists: readonly EgressPlan[]): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  const gateway = lists.find((l) => l.gateway !== undefined)?.gateway;
  if (gateway !== undefined) {
    rules.push({
      ports: [{ port: GATEWAY_PORT, protocol: 'TCP' }],
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': gateway.namespace } }, podSelector: { matchLabels: gateway.labels } }],
    });
  }
  const direct = lists.filter((l) => l.gateway === undefined);
  if (direct.length === 0) return rules;
  const ports = [...new Set(direct.flatMap((l) => l.hosts.flatMap((h) => h.ports.map((p) => p.number))))].sort((a, b) => a - b);
  // One peer per address family: Kubernetes requires every `except` to lie inside its `cidr`.
  const rule: Record<string, unknown> = {
    to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...NON_PUBLIC_IPV4] } }, { ipBlock: { cidr: '::/0', except: [...NON_PUBLIC_IPV6] } }],
  };
  if (!direct.some((l) => l.allowAnyHost)) rule.ports = ports.map((port) => ({ port, protocol: 'TCP' }));
  rules.push(rule);
  return rules;
}

/** The pods an allow-list applies to, as a NetworkPolicy podSelector. */
export function podSelectorOf(plan: EgressPlan): Record<string, unknown> {
  return plan.scope.workload === undefined ? {} : { matchLabels: plan.scope.workload.labels };
}

/** The NetworkPolicy of a standalone allow-list: DNS, every pod of the cluster (the mesh), and the way out. */
function renderStandaloneNetworkPolicy(plan: EgressPlan): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(plan.namespace, `egress-${plan.scopeName}`),
    spec: {
      egress: [
        { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] },
        { to: [{ namespaceSelector: {} }] },
        ...externalEgressRules(plan),
      ],
      podSelector: podSelectorOf(plan),
      policyTypes: ['Egress'],
    },
  };
}

/** What a standalone EgressAllowList renders to. */
export interface RenderedEgressAllowList {
  /** Namespace of the workloads the list is for. */
  readonly namespace: string;
  /** The workload the list is for, or undefined for the whole namespace. */
  readonly workload?: string;
  /** The allowed hosts. */
  readonly hosts: readonly string[];
  /** ServiceEntries, the Sidecar, gateway objects and the NetworkPolicy, in that order. */
  readonly manifests: readonly Manifest[];
}

/**
 * Renders an allow-list that owns its scope's Sidecar: the workloads see the control plane, every Kubernetes
 * Service of the mesh and the allowed hosts; every other external host is blocked. Throws
 * MeshlightValidationError, having rendered nothing, when the props are invalid.
 */
export function renderEgressAllowList(props: EgressAllowListProps, context: EgressContext): RenderedEgressAllowList {
  const problems = new ProblemCollector(context.path);
  const plan = planEgressAllowList(problems, props, context);
  problems.throwIfAny();
  const p = plan!;
  const clusterDomain = props.clusterDomain ?? 'cluster.local';
  const baseline = ['istio-system/*', `*/*.svc.${clusterDomain}`];
  const sidecar = renderSidecar(p.namespace, p.scope.workload?.name ?? 'default', [...baseline, ...sidecarHostsOf(p)], p.allowAnyHost, p.scope.workload?.labels);
  return {
    namespace: p.namespace,
    workload: p.scope.workload?.name,
    hosts: p.hosts.map((h) => h.host),
    manifests: [
      ...p.hosts.map((h) => renderServiceEntry(p.namespace, h)),
      sidecar,
      ...renderGatewayRoute(p),
      ...(p.networkPolicy ? [renderStandaloneNetworkPolicy(p)] : []),
    ],
  };
}

/** The Helm values fragment for istiod that makes REGISTRY_ONLY the mesh-wide default (`meshConfig`). */
export function registryOnlyMeshConfig(): { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } } {
  return { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } };
}

/** An IstioOperator that makes REGISTRY_ONLY the mesh-wide default, for `istioctl install -f`. */
export function registryOnlyIstioOperator(name = 'registry-only'): Manifest {
  return {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { name, namespace: 'istio-system' },
    spec: registryOnlyMeshConfig(),
  };
}

/** A standalone allow-list (one no ZeroTrustNamespace carries) and the construct path or resource name it has. */
export interface StandaloneAllowList {
  readonly path: string;
  readonly rendered: RenderedEgressAllowList;
}

/**
 * The problem of deploying `list` beside `other`, a standalone allow-list declared before it, or undefined when both
 * can be. Each owns a Sidecar, and a workload gets one Sidecar only: two lists for the same pods, or one for the
 * namespace beside one for a workload (whose Sidecar would hide the namespace's hosts), must be merged; a host listed
 * twice would get two ServiceEntries. Both faces report it at synth, at the list declared later.
 */
export function allowListClash(list: StandaloneAllowList, other: StandaloneAllowList): Problem | undefined {
  const [mine, theirs] = [list.rendered, other.rendered];
  if (mine.namespace !== theirs.namespace) return undefined;
  const problems = new ProblemCollector(list.path);
  if (mine.workload === theirs.workload) {
    if (mine.workload === undefined) {
      problems.add('namespace', mine.namespace, `is the namespace of the allow-list ${other.path} too`, 'merge the two allow-lists into one');
    } else {
      problems.add('workload', mine.workload, `is the workload of the allow-list ${other.path} too`, 'merge the two allow-lists into one');
    }
  } else if (mine.workload === undefined || theirs.workload === undefined) {
    const scope = theirs.workload === undefined ? `namespace ${theirs.namespace}` : `workload ${theirs.workload}`;
    problems.add(
      mine.workload === undefined ? 'namespace' : 'workload', mine.workload ?? mine.namespace,
      `has its own allow-list beside ${other.path} for ${scope}, and a workload's own Sidecar would hide the namespace's hosts`,
      "put both in a ZeroTrustNamespace's egress, which merges them",
    );
  } else {
    const shared = mine.hosts.filter((h) => theirs.hosts.includes(h));
    if (shared.length > 0) {
      problems.add('hosts', shared, `are listed by the allow-list ${other.path} in namespace ${mine.namespace} too`, "put both in a ZeroTrustNamespace's egress, which shares one ServiceEntry per host");
    }
  }
  return problems.list[0];
}

/**
 * The problem of a standalone allow-list in the namespace a ZeroTrustNamespace makes (at `namespacePath`): the
 * namespace's Sidecars would clash with the list's. Reported at the list, whichever of the two came first.
 */
export function allowListInZeroTrustNamespace(list: StandaloneAllowList, namespacePath: string): Problem {
  const problems = new ProblemCollector(list.path);
  problems.add('namespace', list.rendered.namespace, `is the namespace of the ZeroTrustNamespace ${namespacePath}, whose Sidecars would clash with this list's`, 'pass that ZeroTrustNamespace as namespace, which merges the list into its Sidecars');
  return problems.list[0];
}

/** Runs `allowEgress`, a ZeroTrustNamespace taking an allow-list, and reports its problems at the list's own `path`. */
export function allowEgressAs(path: string, allowEgress: () => unknown): void {
  try {
    allowEgress();
  } catch (e) {
    throw e instanceof MeshlightValidationError ? reportedAt(e, path, /^egress\[\d+\]/) : e;
  }
}
