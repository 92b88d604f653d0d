import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { generarCatalogo, indexarCatalogo, type ActaDelCatalogo, type Catalogo } from '@prep/domain';
import { BitacoraImmudb, dirEstadoConfiable, leerEventoActa, prefijoEventosActa, type EventoActaEnBitacora } from '@prep/audit';
import { CatalogoService } from '@prep/api';
import { jpegPrueba } from './imagenes';
import { claveNueva } from './idempotencia';

/**
 * A small synthetic catálogo loaded through the real service. Test files of one run share
 * Temporal, immudb and PostgreSQL, so each uses its own entidad: its claves never collide.
 */
export async function cargarCatalogoDePrueba(
  app: INestApplication,
  { idEntidad, semilla = 11, casillas = 120, municipios = 4 }: { idEntidad: number; semilla?: number; casillas?: number; municipios?: number },
): Promise<{ catalogo: Catalogo; actas: ActaDelCatalogo[] }> {
  const catalogo = generarCatalogo({ semilla, casillas, distritos: 3, municipios, idEntidad, nombreEntidad: `ENTIDAD ${idEntidad}` });
  await app.get(CatalogoService).cargar({ json: JSON.stringify(catalogo) }, 'pruebas');
  return { catalogo, actas: [...indexarCatalogo(catalogo).values()] };
}

/** A real (tiny) JPEG, different for every label. */
export function jpegDePrueba(etiqueta: string): Buffer {
  return jpegPrueba({ etiqueta });
}

export class ClienteApi {
  constructor(private readonly app: INestApplication) {}

  private http() {
    return request(this.app.getHttpServer());
  }

  acopio(token: string, claveActa: string, mecanismoTraslado = 'F') {
    return this.http().post('/actas/acopio').set(claveNueva()).set('Authorization', `Bearer ${token}`).send({ claveActa, mecanismoTraslado });
  }

  digitalizar(token: string, claveActa: string, imagen = jpegDePrueba(claveActa), campos: Record<string, string> = { origen: 'CATD', medio: 'ESCANER' }) {
    let r = this.http().post(`/actas/${claveActa}/imagenes`).set(claveNueva()).set('Authorization', `Bearer ${token}`).attach('imagen', imagen, 'acta.jpg');
    for (const [k, v] of Object.entries(campos)) r = r.field(k, v);
    return r;
  }

  /** Downloads one image of an acta; the body is the raw bytes whatever the type. */
  imagen(token: string, claveActa: string, sha256: string) {
    return this.http()
      .get(`/actas/${claveActa}/imagenes/${sha256}`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, cb) => {
        const trozos: Buffer[] = [];
        res.on('data', (t: Buffer) => trozos.push(t));
        res.on('end', () => cb(null, Buffer.concat(trozos)));
      });
  }

  tomar(token: string, tipo: string, claveActa?: string) {
    return this.http()
      .get('/tareas/siguiente')
      .query(claveActa ? { tipo, claveActa } : { tipo })
      .set('Authorization', `Bearer ${token}`);
  }

  capturar(token: string, claveActa: string, valores: unknown) {
    return this.http().post(`/actas/${claveActa}/capturas`).set(claveNueva()).set('Authorization', `Bearer ${token}`).send({ valores });
  }

  verificar(token: string, claveActa: string, cuerpo: Record<string, unknown>) {
    return this.http().post(`/actas/${claveActa}/verificacion`).set(claveNueva()).set('Authorization', `Bearer ${token}`).send(cuerpo);
  }

  detalle(token: string, claveActa: string) {
    return this.http().get(`/actas/${claveActa}`).set('Authorization', `Bearer ${token}`);
  }

  listar(token: string, query: Record<string, string>) {
    return this.http().get('/actas').query(query).set('Authorization', `Bearer ${token}`);
  }

  /** Takes the acta's task and submits the capture: what a capturista does. */
  async tomarYCapturar(token: string, claveActa: string, valores: unknown, esperado = 201) {
    esperar(await this.tomar(token, 'CAPTURA', claveActa), 200, `tomar la captura de ${claveActa}`);
    return esperar(await this.capturar(token, claveActa, valores), esperado, `capturar ${claveActa}`);
  }

  async tomarYVerificar(token: string, claveActa: string, cuerpo: Record<string, unknown>, esperado = 200, tipoTarea = 'VERIFICACION') {
    esperar(await this.tomar(token, tipoTarea, claveActa), 200, `tomar la verificación de ${claveActa}`);
    return esperar(await this.verificar(token, claveActa, cuerpo), esperado, `verificar ${claveActa}`);
  }
}

/** Asserts an HTTP status, showing the body when it differs (a bare status mismatch hides the reason). */
export function esperar(res: request.Response, status: number, que: string): request.Response {
  if (res.status !== status) throw new Error(`${que}: se esperaba ${status} y llegó ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A client of this run's bitácora database, as an outside reader (its own trusted state under `estado`). */
export function conectarBitacora(estado: string, database = process.env.IMMUDB_DATABASE!): Promise<BitacoraImmudb> {
  return BitacoraImmudb.connect({
    address: process.env.IMMUDB_ADDRESS!,
    user: 'immudb',
    password: 'immudb',
    database,
    stateDir: dirEstadoConfiable(process.env.PREP_DATA_DIR!, estado),
  });
}

/** Every bitácora entry of an acta, each read back with a verified (proven) read. */
export async function bitacoraDeActa(claveActa: string): Promise<EventoActaEnBitacora[]> {
  const bitacora = await conectarBitacora('pruebas');
  try {
    const claves = await bitacora.scan(prefijoEventosActa(claveActa));
    const eventos: EventoActaEnBitacora[] = [];
    for (const { key } of claves) {
      const verificada = await bitacora.verifiedGet(key);
      eventos.push(leerEventoActa(verificada!.value));
    }
    return eventos;
  } finally {
    bitacora.close();
  }
}

/** The bitácora holds 1..n without gaps and each event starts in the phase the previous one left. */
export function expectCadenaCompleta(eventos: EventoActaEnBitacora[], tipos: string[]): void {
  expect(eventos.map((e) => e.tipo)).toEqual(tipos);
  eventos.forEach((e, i) => {
    expect(e.secuencia).toBe(i + 1);
    if (i > 0) expect(e.faseAnterior).toBe(eventos[i - 1].faseNueva);
  });
}
