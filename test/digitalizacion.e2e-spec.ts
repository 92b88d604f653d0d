import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi } from './support/actas';
import { jpegPrueba, pdfPrueba, pngPrueba } from './support/imagenes';

// A small limit so the over-size case streams little; read when the harness loads the config.
const MAX_BYTES = 256 * 1024;
process.env.PREP_IMAGEN_MAX_BYTES = String(MAX_BYTES);

type Persona = { nombreUsuario: string; token: string };

/** Every file under the image store, temporary copies included, with its SHA-256. */
function contenidoDelAlmacen(raiz: string): string[] {
  if (!fs.existsSync(raiz)) return [];
  return (fs.readdirSync(raiz, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(raiz, f)).isFile())
    .map(
      (f) =>
        `${f} ${createHash('sha256')
          .update(fs.readFileSync(path.join(raiz, f)))
          .digest('hex')}`,
    )
    .sort();
}

describe('digitalización: who may send an image, what is an image, and what a refusal leaves on disk', () => {
  let h: Harness;
  let api: ClienteApi;
  let raiz: string;
  let deM: ActaDelCatalogo[];
  let deOtro: ActaDelCatalogo[];
  const p: Record<string, Persona> = {};

  /** Runs `accion` and asserts the store holds exactly the same files afterwards. */
  async function sinHuella<T>(accion: () => Promise<T>): Promise<T> {
    const antes = contenidoDelAlmacen(raiz);
    const r = await accion();
    expect(contenidoDelAlmacen(raiz)).toEqual(antes);
    return r;
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    raiz = path.join(h.cfg.PREP_DATA_DIR, 'imagenes');
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 22, semilla: 57, casillas: 60 });
    const catd = actas[0].casilla.catd;
    deM = actas.filter((a) => a.casilla.catd === catd);
    deOtro = actas.filter((a) => a.casilla.catd !== catd);
    const otro = deOtro[0].casilla.catd;
    p.acopiador = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd });
    p.digitalizador = await crearUsuarioConToken(h.app, { roles: ['digitalizador'], catd });
    p.acopiadorOtro = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: otro });
    p.digitalizadorOtro = await crearUsuarioConToken(h.app, { roles: ['digitalizador'], catd: otro });
    p.casilla = await crearUsuarioConToken(h.app, { roles: ['prep_casilla'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a digitalizador of another CATD is refused with 403 naming the acta’s CATD, and nothing is stored', async () => {
    const acta = deM.shift()!;
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    const r = await sinHuella(() =>
      api.digitalizar(p.digitalizadorOtro.token, acta.claveActa, jpegPrueba({ etiqueta: `${acta.claveActa}-intruso` })).expect(403),
    );
    expect(r.body.codigo).toBe('FUERA_DE_SU_CATD');
    expect(r.body.mensaje).toContain(`CATD ${acta.casilla.catd}`);
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA']);
    const propio = await api.digitalizar(p.digitalizador.token, acta.claveActa).expect(201);
    expect(propio.body.fase).toBe('EN_CAPTURA');
  });

  it('the same bytes, stored for one acta, stay when another CATD’s upload of them is refused', async () => {
    const [mia, ajena] = [deM.shift()!, deOtro.shift()!];
    await api.acopio(p.acopiador.token, mia.claveActa).expect(201);
    await api.acopio(p.acopiadorOtro.token, ajena.claveActa).expect(201);
    const imagen = jpegPrueba({ etiqueta: `${mia.claveActa}-compartida` });
    const ok = await api.digitalizar(p.digitalizador.token, mia.claveActa, imagen).expect(201);
    await sinHuella(() => api.digitalizar(p.digitalizador.token, ajena.claveActa, imagen).expect(403));
    const img = await api.imagen(p.digitalizador.token, mia.claveActa, ok.body.sha256).expect(200);
    expect(Buffer.from(img.body).equals(imagen)).toBe(true);
  });

  it('PREP Casilla photos come from a prep_casilla device account, bound to no CATD; nobody else sends them', async () => {
    const acta = deOtro.shift()!;
    await api.acopio(p.acopiadorOtro.token, acta.claveActa).expect(201);
    const foto = await api
      .digitalizar(p.casilla.token, acta.claveActa, jpegPrueba({ etiqueta: `${acta.claveActa}-foto` }), { origen: 'CASILLA', medio: 'MOVIL' })
      .expect(201);
    expect(foto.body.fase).toBe('EN_CAPTURA');
    const soloFotos = await sinHuella(() => api.digitalizar(p.casilla.token, acta.claveActa, jpegPrueba({ etiqueta: 'x1' })).expect(403));
    expect(soloFotos.body.codigo).toBe('SOLO_DIGITALIZADOR');
    const noEsCasilla = await sinHuella(() =>
      api.digitalizar(p.digitalizadorOtro.token, acta.claveActa, jpegPrueba({ etiqueta: 'x2' }), { origen: 'CASILLA', medio: 'MOVIL' }).expect(403),
    );
    expect(noEsCasilla.body.codigo).toBe('SOLO_PREP_CASILLA');
    const escaner = await sinHuella(() =>
      api.digitalizar(p.casilla.token, acta.claveActa, jpegPrueba({ etiqueta: 'x3' }), { origen: 'CASILLA', medio: 'ESCANER' }).expect(422),
    );
    expect(escaner.body.codigo).toBe('MEDIO_INVALIDO');
    const sinRol = await crearUsuarioConToken(h.app, { roles: ['capturista'], catd: acta.casilla.catd });
    await sinHuella(() => api.digitalizar(sinRol.token, acta.claveActa).expect(403));
  });

  it('a refused upload leaves no file in the store, temporary copies included', async () => {
    const nunca = deM.shift()!;
    const r = await sinHuella(() =>
      api.digitalizar(p.digitalizador.token, nunca.claveActa, jpegPrueba({ etiqueta: `${nunca.claveActa}-sin-acopio` })).expect(409),
    );
    expect(r.body.codigo).toBe('ACTA_NO_ACOPIADA');
    const acta = deM.shift()!;
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    // Invalid form field: refused by validation before the handler runs.
    await sinHuella(() =>
      api.digitalizar(p.digitalizador.token, acta.claveActa, jpegPrueba({ etiqueta: 'campo' }), { origen: 'CORREO', medio: 'ESCANER' }).expect(400),
    );
    // Over the size limit: cut while streaming.
    const grande = Buffer.concat([jpegPrueba({ etiqueta: 'grande' }), Buffer.alloc(MAX_BYTES)]);
    expect((await sinHuella(() => api.digitalizar(p.digitalizador.token, acta.claveActa, grande).expect(413))).body.codigo).toBe('CARGA_DEMASIADO_GRANDE');
    // Accepted, then the same image again: 409, and the stored file is still the one the bitácora names.
    const ok = await api.digitalizar(p.digitalizador.token, acta.claveActa).expect(201);
    const dup = await sinHuella(() => api.digitalizar(p.digitalizador.token, acta.claveActa).expect(409));
    expect(dup.body.codigo).toBe('IMAGEN_DUPLICADA');
    expect(contenidoDelAlmacen(raiz).filter((f) => f.includes(ok.body.sha256))).toHaveLength(1);
    expect(contenidoDelAlmacen(raiz).filter((f) => f.includes('.recepcion'))).toEqual([]);
  });

  it('JPEG magic bytes followed by text, a truncated PNG and a PDF without trailer are refused with 415', async () => {
    const acta = deM.shift()!;
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    const png = pngPrueba({ etiqueta: 'cortado' });
    const pdf = await pdfPrueba({ etiqueta: 'cortado' });
    for (const falso of [
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('esto es texto, no una imagen')]),
      png.subarray(0, png.length - 20),
      pdf.subarray(0, pdf.length - 100),
    ]) {
      const r = await sinHuella(() => api.digitalizar(p.digitalizador.token, acta.claveActa, falso).expect(415));
      expect(r.body.codigo).toBe('IMAGEN_NO_SOPORTADA');
    }
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA']);
  });

  it('records the width and height (or the pages of a PDF) in the bitácora entry and the acta', async () => {
    const acta = deM.shift()!;
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    const jpg = await api.digitalizar(p.digitalizador.token, acta.claveActa, jpegPrueba({ ancho: 1700, alto: 2200, etiqueta: acta.claveActa })).expect(201);
    expect(jpg.body).toMatchObject({ tipoArchivo: 'jpg', ancho: 1700, alto: 2200, paginas: null });
    await api.digitalizar(p.digitalizador.token, acta.claveActa, pngPrueba({ ancho: 850, alto: 1100, etiqueta: acta.claveActa })).expect(201);
    await api.digitalizar(p.digitalizador.token, acta.claveActa, await pdfPrueba({ paginas: 2, etiqueta: acta.claveActa })).expect(201);
    const imagenes = (await bitacoraDeActa(acta.claveActa)).filter((e) => e.tipo === 'IMAGEN_DIGITALIZADA').map((e) => e.datos);
    expect(imagenes).toEqual([
      expect.objectContaining({ ancho: 1700, alto: 2200, paginas: null, ruta: expect.stringMatching(/\.jpg$/) }),
      expect.objectContaining({ ancho: 850, alto: 1100, paginas: null, ruta: expect.stringMatching(/\.png$/) }),
      expect.objectContaining({ ancho: null, alto: null, paginas: 2, ruta: expect.stringMatching(/\.pdf$/) }),
    ]);
    const d = await api.detalle(p.digitalizador.token, acta.claveActa).expect(200);
    expect(d.body.imagenes.map((i: { ancho: number; alto: number; paginas: number }) => [i.ancho, i.alto, i.paginas])).toEqual([
      [1700, 2200, null],
      [850, 1100, null],
      [null, null, 2],
    ]);
  });
});
