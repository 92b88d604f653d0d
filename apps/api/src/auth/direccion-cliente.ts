import * as ipaddr from 'ipaddr.js';

/**
 * The key a client is limited and recorded by: its IPv4 address (IPv4-mapped IPv6 included), or the
 * /64 of an IPv6 address, since one IPv6 subscriber usually holds a whole /64 and could otherwise
 * take a fresh address for every attempt. Express's req.ip, so behind a reverse proxy it is the
 * client's only when PREP_TRUST_PROXY names that proxy.
 */
export function claveDireccion(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'desconocida';
  const direccion = ipaddr.process(ip);
  if (direccion.kind() === 'ipv4') return direccion.toString();
  const red = (direccion as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${red.join(':')}::/64`;
}
