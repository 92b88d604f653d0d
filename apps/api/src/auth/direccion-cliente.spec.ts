import { claveDireccion } from './direccion-cliente';

describe('claveDireccion', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by its /64', () => {
    expect(claveDireccion('203.0.113.7')).toBe('203.0.113.7');
    expect(claveDireccion('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(claveDireccion('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(claveDireccion('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    expect(claveDireccion('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('gives one key to a request whose address is unknown', () => {
    expect(claveDireccion(undefined)).toBe('desconocida');
    expect(claveDireccion('no es una ip')).toBe('desconocida');
  });
});
