import { BitacoraNoDisponibleError, BitacoraPersonal, type EscritorBitacora } from './bitacora-personal';
import { canonico, leerAccionPersonal, PREFIJO_PERSONAL, sha256Hex } from './esquema';

describe('BitacoraPersonal', () => {
  it('writes one canonical personal/<fechaHora>/<id> entry with the hash of its datos', async () => {
    const escritas: { key: string; value: string }[] = [];
    const escritor: EscritorBitacora = { verifiedSet: async (key, value) => void escritas.push({ key, value }) };
    await new BitacoraPersonal({ get: async () => escritor }).registrar('USUARIO_CREADO', 'admin', {
      nombreUsuario: 'ana',
      roles: ['capturista'],
      catd: 'M001',
    });
    expect(escritas).toHaveLength(1);
    const valor = JSON.parse(escritas[0].value);
    expect(escritas[0].key).toBe(`${PREFIJO_PERSONAL}${valor.fechaHora}/${valor.id}`);
    expect(escritas[0].value).toBe(canonico(valor));
    expect(valor).toMatchObject({
      esquema: 1,
      tipo: 'USUARIO_CREADO',
      usuario: 'admin',
      datos: { nombreUsuario: 'ana' },
      sha256Datos: sha256Hex(canonico(valor.datos)),
    });
  });

  it('refuses with BitacoraNoDisponibleError (503, Spanish) when the connection or the write fails, and reports why', async () => {
    const avisos: string[] = [];
    for (const fuente of [
      { get: async (): Promise<EscritorBitacora> => Promise.reject(new Error('14 UNAVAILABLE')) },
      { get: async (): Promise<EscritorBitacora> => ({ verifiedSet: async () => Promise.reject(new Error('tiempo agotado')) }) },
    ]) {
      const err = await new BitacoraPersonal(fuente, (m) => avisos.push(m)).registrar('CATALOGO_CARGADO', 'admin').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BitacoraNoDisponibleError);
      expect(err).toMatchObject({ codigo: 'BITACORA_NO_DISPONIBLE', status: 503, tipo: 'CATALOGO_CARGADO', message: expect.stringMatching(/no se realizó/) });
    }
    expect(avisos).toEqual([expect.stringMatching(/CATALOGO_CARGADO de admin.*14 UNAVAILABLE/), expect.stringMatching(/tiempo agotado/)]);
  });
});

describe('leerAccionPersonal', () => {
  it('reads back what BitacoraPersonal wrote, with its key and tx, and refuses an altered value', async () => {
    const escritas: { key: string; value: string }[] = [];
    const escritor: EscritorBitacora = {
      verifiedSet: async (key, value) => {
        escritas.push({ key, value });
        return { txId: 9 };
      },
    };
    const r = await new BitacoraPersonal({ get: async () => escritor }).registrar('PROCESO_INICIADO', 'proceso:worker', { pid: 7 });
    expect(r).toEqual({ key: escritas[0].key, txId: 9 });
    expect(leerAccionPersonal(r.key, escritas[0].value)).toMatchObject({ tipo: 'PROCESO_INICIADO', usuario: 'proceso:worker', datos: { pid: 7 } });
    expect(() => leerAccionPersonal(r.key, escritas[0].value.replace('"pid":7', '"pid":8'))).toThrow(/sha256Datos no coincide/);
    expect(() => leerAccionPersonal('personal/otra/clave', escritas[0].value)).toThrow(/la clave no corresponde/);
  });
});
