import { contrasenaCoincide, costoBcrypt, COSTO_BCRYPT_POR_OMISION, hashContrasena, NuevoUsuario, requiereCatd, validarNuevoUsuario } from './usuario-reglas';

const valido: NuevoUsuario = {
  nombreUsuario: 'capturista.m001-01',
  nombreCompleto: '  Ana Pérez  ',
  contrasena: 'diez-chars',
  roles: ['capturista', 'capturista'],
  catd: ' M001 ',
};

const campos = (datos: NuevoUsuario) => {
  const r = validarNuevoUsuario(datos);
  return r.ok ? [] : r.errores.map((e) => e.campo);
};

describe('validarNuevoUsuario', () => {
  it('accepts a valid account and normalises it', () => {
    expect(validarNuevoUsuario(valido)).toEqual({
      ok: true,
      datos: { ...valido, nombreCompleto: 'Ana Pérez', roles: ['capturista'], catd: 'M001' },
    });
  });

  it.each(['ab', 'Mayus', 'con espacio', 'ñandu', 'a'.repeat(65), ''])('refuses nombreUsuario %p', (nombreUsuario) => {
    expect(campos({ ...valido, nombreUsuario })).toEqual(['nombreUsuario']);
  });

  it('counts the password in characters and refuses more than 72 bytes', () => {
    expect(campos({ ...valido, contrasena: 'nueve-cha' })).toEqual(['contrasena']);
    expect(campos({ ...valido, contrasena: 'ñ'.repeat(10) })).toEqual([]);
    expect(campos({ ...valido, contrasena: 'ñ'.repeat(37) })).toEqual(['contrasena']);
  });

  it('needs at least one known role', () => {
    expect(campos({ ...valido, roles: [] })).toEqual(['roles']);
    expect(campos({ ...valido, roles: ['jefe' as never] })).toEqual(['roles']);
  });

  it('requires catd for CATD roles only', () => {
    for (const rol of ['acopiador', 'digitalizador', 'capturista', 'verificador', 'coordinador'] as const) {
      expect(campos({ ...valido, roles: [rol], catd: null })).toEqual(['catd']);
      expect(campos({ ...valido, roles: [rol], catd: '   ' })).toEqual(['catd']);
    }
    for (const rol of ['auditor', 'cotaprep', 'administrador', 'operador'] as const) {
      expect(validarNuevoUsuario({ ...valido, roles: [rol], catd: undefined })).toMatchObject({ ok: true, datos: { catd: null } });
    }
    expect(campos({ ...valido, roles: ['auditor', 'verificador'], catd: null })).toEqual(['catd']);
    expect(campos({ ...valido, catd: 'M 001' })).toEqual(['catd']);
    expect(requiereCatd(['operador'])).toBe(false);
  });

  it('a PREP Casilla device account needs no CATD and holds no other role', () => {
    expect(validarNuevoUsuario({ ...valido, roles: ['prep_casilla'], catd: undefined })).toMatchObject({
      ok: true,
      datos: { roles: ['prep_casilla'], catd: null },
    });
    const r = validarNuevoUsuario({ ...valido, roles: ['prep_casilla', 'digitalizador'] });
    expect(r).toMatchObject({ ok: false, errores: [{ campo: 'roles', mensajes: [expect.stringMatching(/dispositivo de PREP Casilla/)] }] });
  });

  it('reports every problem at once, with Spanish messages', () => {
    const r = validarNuevoUsuario({ nombreUsuario: 'X', nombreCompleto: '', contrasena: 'corta', roles: [], catd: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errores.map((e) => e.campo)).toEqual(['nombreUsuario', 'nombreCompleto', 'contrasena', 'roles']);
    expect(r.errores.find((e) => e.campo === 'contrasena')?.mensajes[0]).toMatch(/al menos 10 caracteres/);
  });
});

describe('costoBcrypt', () => {
  it('defaults to 12', () => {
    expect(costoBcrypt({ NODE_ENV: 'production' })).toBe(COSTO_BCRYPT_POR_OMISION);
    expect(costoBcrypt({ NODE_ENV: 'development', BCRYPT_COST: ' ' })).toBe(12);
  });

  it('allows a cost below 10 only when NODE_ENV=test', () => {
    expect(costoBcrypt({ NODE_ENV: 'test', BCRYPT_COST: '4' })).toBe(4);
    expect(() => costoBcrypt({ NODE_ENV: 'development', BCRYPT_COST: '4' })).toThrow(/BCRYPT_COST.*NODE_ENV=test/);
    expect(() => costoBcrypt({ NODE_ENV: 'test', BCRYPT_COST: '3' })).toThrow(/de 4 a 15/);
    expect(costoBcrypt({ NODE_ENV: 'production', BCRYPT_COST: '10' })).toBe(10);
  });

  it.each(['doce', '12.5', '16', '-1'])('refuses %p', (BCRYPT_COST) => {
    expect(() => costoBcrypt({ NODE_ENV: 'production', BCRYPT_COST })).toThrow(/Configuración no válida/);
  });
});

describe('hashContrasena', () => {
  it('produces a salted bcrypt hash of the requested cost that only the right password matches', async () => {
    const a = await hashContrasena('una-contrasena', 4);
    const b = await hashContrasena('una-contrasena', 4);
    expect(a).toMatch(/^\$2b\$04\$/);
    expect(a).not.toBe(b);
    await expect(contrasenaCoincide('una-contrasena', a)).resolves.toBe(true);
    await expect(contrasenaCoincide('una-contrasenA', a)).resolves.toBe(false);
  });
});
