import { isIP } from 'net';
import { RE2JS } from 're2js';

// The value formats istiod checks, each a re-statement of one Go function of Istio 1.30 (istio/istio), named in its
// JSDoc. Each returns the error message istiod gives, or undefined when istiod accepts the value.

// pkg/config/labels/instance.go: dns1123LabelFmt and wildcardPrefix. Istio's labels take either case.
const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_DNS1123_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
// pkg/config/labels/instance.go: qualifiedNameFmt, dnsNamePrefixFmt (label keys) and labelValueRegexp.
const LABEL_KEY = /^([a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*\/)?((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const LABEL_VALUE = /^((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// pkg/config/validation/validation.go: validHeaderRegex.
const HEADER_NAME = /^[-_A-Za-z0-9]+$/;
// pkg/config/validation/validation.go: httpHeaderValueRegexp (no control characters but tab).
const HEADER_VALUE = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;

/** labels.IsDNS1123Label (pkg/config/labels/instance.go). */
export function isDNS1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** labels.Instance.Validate (pkg/config/labels/instance.go): label keys and values of selectors and subsets. */
export function labelsProblem(labels: Record<string, unknown> | undefined): string | undefined {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const match = LABEL_KEY.exec(key);
    if (match === null || (match[1] !== undefined && match[1].length - 1 > 253) || match[2].length > 63) return `invalid tag key: ${JSON.stringify(key)}`;
    if (!LABEL_VALUE.test(String(value))) return `invalid tag value: ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** agent.ValidatePort (pkg/config/validation/agent/validation.go). */
export function portProblem(port: unknown): string | undefined {
  return typeof port === 'number' && port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** agent.CheckDNS1123Preconditions and agent.ValidateDNS1123Labels, together agent.ValidateFQDN. */
export function fqdnProblem(fqdn: string): string | undefined {
  return dnsPreconditionsProblem(fqdn) ?? dns1123LabelsProblem(fqdn);
}

function dnsPreconditionsProblem(name: string): string | undefined {
  if (name.length > 255) return `domain name ${JSON.stringify(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

function dns1123LabelsProblem(domain: string): string | undefined {
  const parts = domain.split('.');
  const topLevel = parts[parts.length - 1];
  // Go's strconv.Atoi: an optional sign, then decimal digits.
  if (/^[+-]?[0-9]+$/.test(topLevel)) return `domain name ${JSON.stringify(domain)} invalid (top level domain ${JSON.stringify(topLevel)} cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined; // `istio.io.`
    if (!isDNS1123Label(parts[i])) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(parts[i])} invalid)`;
  }
  return undefined;
}

/** agent.ValidateWildcardDomain: an FQDN whose first label may be `*`, `*foo` or `*-foo`. */
export function wildcardDomainProblem(domain: string): string | undefined {
  const pre = dnsPreconditionsProblem(domain);
  if (pre !== undefined) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!(first.length <= 63 && WILDCARD_DNS1123_LABEL.test(first))) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(first)} invalid)`;
  return dot < 0 ? undefined : dns1123LabelsProblem(domain.slice(dot + 1));
}

/** netutil.IsValidIPAddress (pkg/util/net): an IPv4 or IPv6 address. */
export function isIPAddress(value: string): boolean {
  return isIP(value) !== 0;
}

/** agent.ValidateIPSubnet: an address, or a CIDR block when it holds one `/`. */
export function ipSubnetProblem(subnet: string): string | undefined {
  if (subnet.split('/').length === 2) {
    const [address, bits] = subnet.split('/');
    const max = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : -1;
    return max >= 0 && /^(0|[1-9][0-9]*)$/.test(bits) && Number(bits) <= max ? undefined : `${subnet} is not a valid CIDR block`;
  }
  return isIPAddress(subnet) ? undefined : `${subnet} is not a valid IP`;
}

/** agent.ValidatePartialWildCard: `*` only as the whole host or as its first label. */
export function partialWildcardProblem(host: string): string | undefined {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.') ? `partial wildcard ${JSON.stringify(host)} not allowed` : undefined;
}

/** agent.ValidateNamespaceSlashWildcardHostname: `namespace/dnsName` hosts of Sidecars and Gateways. */
export function namespaceSlashHostProblems(host: string, isGateway: boolean): string[] {
  const slash = host.indexOf('/');
  if (slash < 0) return isGateway ? sidecarOrGatewayHostnameProblems(host, true) : ['host must be of form namespace/dnsName'];
  const [namespace, name] = [host.slice(0, slash), host.slice(slash + 1)];
  const problems: string[] = [];
  if (namespace === '' || name === '') problems.push('config namespace and dnsName in host entry cannot be empty');
  const special = isGateway ? ['*', '.'] : ['*', '.', '~'];
  if (!special.includes(namespace) && !isDNS1123Label(namespace)) problems.push(`invalid namespace value ${JSON.stringify(namespace)} in ${isGateway ? 'gateway' : 'sidecar'}`);
  problems.push(...sidecarOrGatewayHostnameProblems(name, isGateway));
  return problems;
}

/** validateSidecarOrGatewayHostnamePart (pkg/config/validation/agent/validation.go). */
function sidecarOrGatewayHostnameProblems(hostname: string, isGateway: boolean): string[] {
  const problems: string[] = [];
  if (hostname !== '*' && !hostname.includes('.')) problems.push('short names (non FQDN) are not allowed');
  const domain = wildcardDomainProblem(hostname);
  if (domain !== undefined && !(isGateway && isIPAddress(hostname))) problems.push(domain);
  const partial = partialWildcardProblem(hostname);
  if (partial !== undefined) problems.push(partial);
  return problems;
}

const NANOS: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n };
const DURATION_PART = /([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Go's time.ParseDuration (the CRD's `duration(self)` and Istio's reading of the field): nanoseconds, or undefined
 * when the string is not a duration.
 */
export function parseGoDuration(text: string): bigint | undefined {
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1n : 1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  let at = 0;
  while (at < rest.length) {
    DURATION_PART.lastIndex = at;
    const part = DURATION_PART.exec(rest);
    if (part === null || (part[1] === '' && (part[2] ?? '') === '')) return undefined;
    const unit = NANOS[part[3]];
    const fraction = part[2] ?? '';
    total += BigInt(part[1] || '0') * unit + (fraction === '' ? 0n : (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length));
    at = DURATION_PART.lastIndex;
  }
  return sign * total;
}

/** agent.ValidateDuration: at least 1ms, to the millisecond. */
export function durationProblem(value: unknown): string | undefined {
  const nanos = typeof value === 'string' ? parseGoDuration(value) : undefined;
  if (nanos === undefined) return `${JSON.stringify(value)} is not a duration`;
  if (nanos < 1000000n) return 'duration must be greater than 1ms';
  if (nanos % 1000000n !== 0n) return 'only durations to ms precision are supported';
  return undefined;
}

/** ValidateHTTPHeaderName (pkg/config/validation/validation.go). */
export function headerNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  return HEADER_NAME.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

/** jwt.ToRoutingClaim(name).Match (pkg/jwt/routing.go): a header key naming a JWT claim, for gateways only. */
export function isJwtClaimRoute(name: string): boolean {
  return /^@request\.auth\.claims(\.|\[)/.test(name);
}

/** ValidateHTTPHeaderNameOrJwtClaimRoute: a header match key. */
export function headerMatchNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  return isJwtClaimRoute(name) ? undefined : headerNameProblem(name);
}

/** ValidateHTTPHeaderWithAuthorityOperationName: a request header to add or set. */
export function headerSetNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  const internal = name.startsWith(':') || name.toLowerCase() === 'host';
  const authority = name.toLowerCase() === ':authority' || name.toLowerCase() === 'host';
  return internal && !authority ? `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix` : undefined;
}

/** ValidateHTTPHeaderOperationName: a request header to remove, a response header to add, set or remove. */
export function headerOperationNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name.toLowerCase() === 'host') return `invalid header ${JSON.stringify(name)}: cannot set Host header`;
  return name.startsWith(':') ? `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix` : undefined;
}

/** ValidateHTTPHeaderValue, its first check (no control characters); Envoy's `%` escapes are not checked. */
export function headerValueProblem(value: unknown): string | undefined {
  return HEADER_VALUE.test(String(value)) ? undefined : `header value configuration ${value} is invalid`;
}

/** validateStringRegexp: at most 1024 characters, RE2 syntax (Go's regexp). */
export function regexProblem(re: string, where: string): string | undefined {
  if (re.length > 1024) return `${JSON.stringify(where)}: regex is too large, max length allowed is 1024`;
  try {
    RE2JS.compile(re);
    return undefined;
  } catch (e) {
    return `${JSON.stringify(where)}: ${(e as Error).message}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`;
  }
}

/** protocol.Parse(p) != protocol.Unsupported (pkg/config/protocol/instance.go), case-insensitive. */
export function isKnownProtocol(protocol: string): boolean {
  return ['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql'].includes(protocol.toLowerCase());
}

/** protocol.Instance.IsHTTP and IsTLS (pkg/config/protocol/instance.go). */
export function protocolKind(protocol: string | undefined): 'http' | 'tls' | 'other' {
  const p = (protocol ?? '').toLowerCase();
  if (['http', 'http2', 'grpc', 'grpc-web', 'http_proxy'].includes(p)) return 'http';
  if (['https', 'tls'].includes(p)) return 'tls';
  return 'other';
}

/** host.Name.Matches (pkg/config/host/name.go): two hosts, either of them a wildcard, that overlap. */
export function hostsOverlap(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a === b;
}

/** host.Name.SubsetOf (pkg/config/host/name.go): every name `a` matches, `b` matches too. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (a === b) return true;
  if (!b.startsWith('*')) return false;
  if (a.startsWith('*')) return b.length <= a.length && a.slice(1).endsWith(b.slice(1));
  return a.endsWith(b.slice(1));
}
