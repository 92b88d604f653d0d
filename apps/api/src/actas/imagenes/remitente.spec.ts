import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { catdDelRemitente } from './remitente';

const codigo = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).getStatus()).toBe(HttpStatus.FORBIDDEN);
    return ((e as ApiError).getResponse() as { codigo: string }).codigo;
  }
  throw new Error('se esperaba un rechazo');
};

describe('catdDelRemitente', () => {
  it('a digitalizador sends CATD scans under its own CATD, never casilla photos', () => {
    expect(catdDelRemitente({ roles: ['digitalizador'], catd: 'M001' }, 'CATD')).toBe('M001');
    expect(codigo(() => catdDelRemitente({ roles: ['digitalizador'], catd: 'M001' }, 'CASILLA'))).toBe('SOLO_PREP_CASILLA');
    expect(codigo(() => catdDelRemitente({ roles: ['digitalizador'], catd: null }, 'CATD'))).toBe('SIN_CATD');
  });

  it('a PREP Casilla device sends casilla photos with no CATD, never CATD scans', () => {
    expect(catdDelRemitente({ roles: ['prep_casilla'], catd: null }, 'CASILLA')).toBeNull();
    expect(catdDelRemitente({ roles: ['prep_casilla'], catd: 'M001' }, 'CASILLA')).toBeNull();
    expect(codigo(() => catdDelRemitente({ roles: ['prep_casilla'], catd: 'M001' }, 'CATD'))).toBe('SOLO_DIGITALIZADOR');
  });
});
