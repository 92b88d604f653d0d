import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { PREFIJO_PERSONAL, recorrerPrefijo, type BitacoraImmudb } from '@prep/audit';
import { ClienteApi, esperar } from './actas';
import { crearUsuarioConToken } from './usuarios';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Raw bytes of a response, whatever its type. */
export function binario(r: request.Test): request.Test {
  return r.buffer(true).parse((res, cb) => {
    const trozos: Buffer[] = [];
    res.on('data', (t: Buffer) => trozos.push(t));
    res.on('end', () => cb(null, Buffer.concat(trozos)));
  });
}

/** Staff of one CATD who take an acta from acopio to publication through the API. */
export async function personalDeCatd(app: INestApplication, catd: string) {
  const [aco, dig, c1, c2, ver] = await Promise.all(
    ['acopiador', 'digitalizador', 'capturista', 'capturista', 'verificador'].map((r) => crearUsuarioConToken(app, { roles: [r as never], catd })),
  );
  const api = new ClienteApi(app);
  return async (acta: ActaDelCatalogo) => {
    esperar(await api.acopio(aco.token, acta.claveActa), 201, 'acopio');
    esperar(await api.digitalizar(dig.token, acta.claveActa), 201, 'digitalización');
    const datos = generarCaptura(acta.claveActa, acta.casilla, acta.eleccion.columnasVoto);
    await api.tomarYCapturar(c1.token, acta.claveActa, datos);
    await api.tomarYCapturar(c2.token, acta.claveActa, datos);
    await api.tomarYVerificar(ver.token, acta.claveActa, { decision: 'CONFIRMAR' });
  };
}

/** Staff records of one type, oldest first. */
export async function registrosPersonales(bitacora: BitacoraImmudb, tipo: string): Promise<{ datos: Record<string, unknown>; txId: number; key: string }[]> {
  const corte = (await bitacora.currentServerState()).txId;
  const out: { datos: Record<string, unknown>; txId: number; key: string }[] = [];
  for await (const e of recorrerPrefijo(bitacora, PREFIJO_PERSONAL, { sinceTx: corte })) {
    const v = JSON.parse(e.value) as { tipo: string; datos: Record<string, unknown> };
    if (v.tipo === tipo) out.push({ datos: v.datos, txId: e.txId, key: e.key });
  }
  return out;
}

export async function hasta<T>(que: string, fn: () => Promise<T | undefined | null | false>, ms = 90_000): Promise<T> {
  const fin = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > fin) throw new Error(`tiempo agotado esperando: ${que}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
