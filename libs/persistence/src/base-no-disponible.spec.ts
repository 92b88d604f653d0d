import { DriverException } from '@mikro-orm/core';
import { esBaseNoDisponible } from './base-no-disponible';

const conCodigo = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('esBaseNoDisponible', () => {
  it('recognises PostgreSQL being down or restarting, as pg and MikroORM report it', () => {
    expect(esBaseNoDisponible(new DriverException(conCodigo('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')))).toBe(true);
    expect(esBaseNoDisponible(new DriverException(conCodigo('57P01', 'terminating connection due to administrator command')))).toBe(true);
    expect(esBaseNoDisponible(new DriverException(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(esBaseNoDisponible(conCodigo('57P03', 'the database system is starting up'))).toBe(true);
    expect(esBaseNoDisponible(conCodigo('08006'))).toBe(true);
  });

  it('leaves every other error alone (a constraint, a syntax error, a bug)', () => {
    expect(esBaseNoDisponible(new DriverException(conCodigo('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(esBaseNoDisponible(conCodigo('42601'))).toBe(false);
    expect(esBaseNoDisponible(new TypeError('x is undefined'))).toBe(false);
    expect(esBaseNoDisponible(null)).toBe(false);
  });
});
