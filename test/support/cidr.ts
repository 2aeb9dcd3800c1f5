type Obj = Record<string, any>;

/** An address as a number, and its family's width in bits (32 for IPv4, 128 for IPv6). */
interface ParsedAddress {
  readonly value: bigint;
  readonly bits: 32 | 128;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((sum, p) => (sum << 8n) | BigInt(p), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let groupsText = text;
  if (quad !== null) {
    const v4 = parseIpv4(quad[2]);
    if (v4 === undefined) return undefined;
    groupsText = `${quad[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = groupsText.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.reduce((sum, g) => (sum << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses an IPv4 or IPv6 address; throws on anything else, so a typo in a test cannot pass silently. */
export function parseAddress(text: string): ParsedAddress {
  const v4 = text.includes(':') ? undefined : parseIpv4(text);
  if (v4 !== undefined) return { value: v4, bits: 32 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  if (v6 !== undefined) return { value: v6, bits: 128 };
  throw new Error(`not an IP address: ${JSON.stringify(text)}`);
}

/** A CIDR block as its first address, prefix length and family; throws unless it is `address/length` with no host bits set. */
export function parseCidr(text: string): ParsedAddress & { readonly prefix: number } {
  const [address, length, ...rest] = text.split('/');
  const parsed = parseAddress(address);
  const prefix = Number(length);
  if (rest.length > 0 || !/^\d{1,3}$/.test(length ?? '') || prefix > parsed.bits) throw new Error(`not a CIDR block: ${JSON.stringify(text)}`);
  const hostBits = BigInt(parsed.bits - prefix);
  if ((parsed.value & ((1n << hostBits) - 1n)) !== 0n) throw new Error(`CIDR block ${text} has host bits set`);
  return { ...parsed, prefix };
}

/** Whether `address` (an address, or a CIDR block wholly) lies inside the CIDR block `cidr`; false across families. */
export function cidrContains(cidr: string, address: string): boolean {
  const block = parseCidr(cidr);
  const inner = address.includes('/') ? parseCidr(address) : { ...parseAddress(address), prefix: undefined };
  if (inner.bits !== block.bits) return false;
  if (inner.prefix !== undefined && inner.prefix < block.prefix) return false;
  const shift = BigInt(block.bits - block.prefix);
  return (inner.value >> shift) === (block.value >> shift);
}

/** Whether a NetworkPolicy `ipBlock` admits `address`: inside `cidr` and inside none of `except`. */
export function ipBlockAdmits(ipBlock: Obj, address: string): boolean {
  return cidrContains(ipBlock.cidr, address) && !((ipBlock.except ?? []) as string[]).some((e) => cidrContains(e, address));
}

/**
 * Whether a NetworkPolicy's egress rules admit a TCP connection to the external `address` on `port`, by their
 * `ipBlock` peers only (selector peers admit pods by identity, not outside addresses). A rule without ports admits
 * every port.
 */
export function egressAdmits(networkPolicy: Obj, address: string, port: number): boolean {
  return ((networkPolicy.spec.egress ?? []) as Obj[]).some((rule) =>
    ((rule.to ?? []) as Obj[]).some((peer) => peer.ipBlock !== undefined && ipBlockAdmits(peer.ipBlock, address))
    && (rule.ports === undefined || (rule.ports as Obj[]).some((p) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || p.port === port))));
}
