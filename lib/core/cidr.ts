import * as ipaddr from 'ipaddr.js';
import { ProblemCollector, quote } from './errors';

/**
 * Whether `text` is an IPv4 or IPv6 range as Kubernetes NetworkPolicy `ipBlock.cidr` takes it: an address and a
 * prefix length, the address being the range's first (no bits set past the prefix), so the range is what it reads.
 */
export function isNetworkCidr(text: unknown): text is string {
  if (typeof text !== 'string' || !/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(text)) return false;
  try {
    const [address, bits] = ipaddr.parseCIDR(text);
    const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
    // IPv4 as written is one text (Kubernetes refuses leading zeros); IPv6 has several, of one address.
    return address.kind() === 'ipv4' ? `${network.toString()}/${bits}` === text : network.toString() === address.toString();
  } catch {
    return false;
  }
}

/** The range `text` starts at, written as Kubernetes reads it, for a fix: `10.0.0.1/8` gives `10.0.0.0/8`. */
export function networkCidrOf(text: string): string | undefined {
  try {
    const [address, bits] = ipaddr.parseCIDR(text);
    const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
    return `${network.toString()}/${bits}`;
  } catch {
    return undefined;
  }
}

/** Address ranges in `field`, each as NetworkPolicy ipBlock takes it; problems added to `problems`. */
export function planCidrs(problems: ProblemCollector, field: string, value: unknown, what: string): string[] {
  if (!Array.isArray(value)) {
    problems.add(field, value, `is not a list of ${what}`, 'list address ranges such as ["10.8.0.0/14"]');
    return [];
  }
  value.forEach((cidr: unknown, i: number) => {
    if (!isNetworkCidr(cidr)) {
      const network = typeof cidr === 'string' ? networkCidrOf(cidr) : undefined;
      problems.add(`${field}[${i}]`, cidr, 'is not an address range (CIDR) as a NetworkPolicy ipBlock takes it', network !== undefined && network !== cidr ? `write the range's first address: ${quote(network)}` : 'write an address and prefix length, such as "10.8.0.0/14"');
    }
  });
  return value.filter(isNetworkCidr);
}
