import { RE2JS } from 're2js';

type Obj = Record<string, any>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function re2Problem(where: string, pattern: string): string[] {
  try {
    RE2JS.compile(pattern);
    return [];
  } catch (e) {
    return [`${where}: regex ${JSON.stringify(pattern)} does not compile in RE2: ${(e as Error).message}`];
  }
}

function stringMatchProblems(where: string, match: Obj | undefined): string[] {
  if (match === undefined) return [];
  const kinds = Object.keys(match);
  if (kinds.length !== 1) return [`${where}: a StringMatch needs exactly one of exact, prefix, regex`];
  return match.regex !== undefined ? re2Problem(where, match.regex) : [];
}

/**
 * The semantic checks istiod's validating webhook applies on top of the CRD schema (pkg/config/validation), for the
 * kinds meshlight emits: a re-statement of the rules that matter for them, not a copy of istiod. Empty when istiod
 * would accept the object.
 */
export function istiodProblems(object: Obj): string[] {
  const where = `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
  const problems: string[] = [];
  if (object.kind === 'VirtualService') {
    const spec = object.spec ?? {};
    if (!Array.isArray(spec.hosts) || spec.hosts.length === 0) problems.push(`${where}: virtual service must have at least one host`);
    if (new Set(spec.hosts).size !== spec.hosts?.length) problems.push(`${where}: duplicate hosts`);
    const names = new Set<string>();
    (spec.http ?? []).forEach((route: Obj, i: number) => {
      const at = `${where} http[${i}]`;
      if (route.name !== undefined) {
        if (names.has(route.name)) problems.push(`${at}: duplicate route name ${route.name}`);
        names.add(route.name);
      }
      const actions = ['route', 'redirect', 'directResponse', 'delegate'].filter((k) => route[k] !== undefined);
      if (actions.length !== 1) problems.push(`${at}: needs exactly one of route, redirect, direct response or delegate`);
      if (route.directResponse !== undefined && route.rewrite !== undefined) problems.push(`${at}: rewrite cannot be combined with a direct response`);
      (route.match ?? []).forEach((m: Obj, j: number) => {
        const mat = `${at} match[${j}]`;
        for (const field of ['uri', 'scheme', 'method', 'authority']) problems.push(...stringMatchProblems(`${mat}.${field}`, m[field]));
        for (const [name, sm] of Object.entries<Obj>(m.headers ?? {})) {
          if (name === '') problems.push(`${mat}: header name cannot be empty`);
          if (name !== name.toLowerCase()) problems.push(`${mat}: header name ${name} must be lower case`);
          problems.push(...stringMatchProblems(`${mat}.headers.${name}`, sm));
        }
        for (const [name, sm] of Object.entries<Obj>(m.queryParams ?? {})) {
          if (sm.prefix !== undefined) problems.push(`${mat}: query parameter ${name} cannot use a prefix match`);
          problems.push(...stringMatchProblems(`${mat}.queryParams.${name}`, sm));
        }
      });
      const destinations: Obj[] = route.route ?? [];
      if (destinations.length > 1) {
        const total = destinations.reduce((sum, d) => sum + (d.weight ?? 0), 0);
        if (total !== 100) problems.push(`${at}: total destination weight ${total} != 100`);
      }
      for (const d of destinations) {
        if (!d.destination?.host) problems.push(`${at}: destination must have a host`);
        if (d.weight !== undefined && (d.weight < 0 || !Number.isInteger(d.weight))) problems.push(`${at}: weight ${d.weight} is invalid`);
        if (d.destination?.subset !== undefined && !DNS_LABEL.test(d.destination.subset)) problems.push(`${at}: subset ${d.destination.subset} is not a DNS label`);
      }
      if (route.directResponse !== undefined && (route.directResponse.status < 200 || route.directResponse.status > 599)) {
        problems.push(`${at}: direct response status must be between 200 and 599`);
      }
    });
  }
  if (object.kind === 'VirtualService') {
    const hosts: string[] = object.spec?.hosts ?? [];
    (object.spec?.tls ?? []).forEach((route: Obj, i: number) => {
      const matches: Obj[] = route.match ?? [];
      if (matches.length === 0) problems.push(`${where} tls[${i}]: TLS route must have at least one match condition`);
      for (const m of matches) {
        if (!Array.isArray(m.sniHosts) || m.sniHosts.length === 0) problems.push(`${where} tls[${i}]: TLS match must have at least one SNI host`);
        for (const sni of m.sniHosts ?? []) {
          if (!hosts.some((h) => h === sni || (h.startsWith('*.') && sni.endsWith(h.slice(1))))) problems.push(`${where} tls[${i}]: SNI host ${sni} is not one of the virtual service's hosts`);
        }
      }
    });
  }
  if (object.kind === 'ServiceEntry') {
    const spec = object.spec ?? {};
    if (!Array.isArray(spec.hosts) || spec.hosts.length === 0) problems.push(`${where}: service entry must have at least one host`);
    if (spec.resolution === 'DNS' && (spec.hosts ?? []).some((h: string) => h.includes('*')) && spec.endpoints === undefined) {
      problems.push(`${where}: wildcard hosts cannot be resolved by DNS`);
    }
    // DYNAMIC_DNS resolves the name each connection carries (SNI or Host header), so it is for wildcard hosts only,
    // with no endpoints or addresses (istio/api ServiceEntry.Resolution, istio/api#3565). Sidecars take it from Istio
    // 1.30 (istio/istio#58688) for MESH_INTERNAL entries as well as MESH_EXTERNAL ones, so location is not checked.
    if (spec.resolution === 'DYNAMIC_DNS') {
      const fixed = (spec.hosts ?? []).filter((h: string) => !String(h).startsWith('*.'));
      if (fixed.length > 0) problems.push(`${where}: DYNAMIC_DNS resolution is for wildcard hosts only, not ${fixed.join(', ')}`);
      if ((spec.endpoints ?? []).length > 0) problems.push(`${where}: DYNAMIC_DNS resolution cannot have endpoints`);
      if ((spec.addresses ?? []).length > 0) problems.push(`${where}: DYNAMIC_DNS resolution cannot have addresses`);
    }
    const names = new Set<string>();
    for (const port of spec.ports ?? []) {
      if (names.has(port.name)) problems.push(`${where}: duplicate port name ${port.name}`);
      names.add(port.name);
    }
  }
  if (object.kind === 'Sidecar') {
    for (const egress of object.spec?.egress ?? []) {
      for (const host of egress.hosts ?? []) {
        const parts = String(host).split('/');
        if (parts.length !== 2 || parts[0] === '' || parts[1] === '') problems.push(`${where}: egress host ${host} must be of the form namespace/dnsName`);
      }
    }
  }
  if (object.kind === 'Gateway') {
    for (const server of object.spec?.servers ?? []) {
      if (!Array.isArray(server.hosts) || server.hosts.length === 0) problems.push(`${where}: gateway server must have at least one host`);
      if (server.tls?.mode === 'ISTIO_MUTUAL' && (server.tls.credentialName !== undefined || server.tls.serverCertificate !== undefined)) {
        problems.push(`${where}: ISTIO_MUTUAL servers must not set certificates`);
      }
      if (['HTTPS', 'TLS'].includes(server.port?.protocol) && server.tls === undefined) problems.push(`${where}: ${server.port.protocol} server must have TLS settings`);
    }
  }
  if (object.kind === 'DestinationRule') {
    const spec = object.spec ?? {};
    if (!spec.host) problems.push(`${where}: destination rule must have a host`);
    const names = new Set<string>();
    for (const subset of spec.subsets ?? []) {
      if (!DNS_LABEL.test(subset.name ?? '')) problems.push(`${where}: subset name ${subset.name} is not a DNS-1123 label`);
      if (names.has(subset.name)) problems.push(`${where}: duplicate subset ${subset.name}`);
      names.add(subset.name);
    }
  }
  return problems;
}
