import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import type { ActaDelCatalogo } from '@prep/domain';
import { TemporalService } from '@prep/api';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { leerZip, zipDeterminista } from '@prep/cortes';
import type { ManifiestoCorte } from '@prep/publicacion';
import { carpetaDeDatosPropia, Harness, startHarness } from './support/harness';
import { crearUsuarioConToken, hacerPuestaEnCeros } from './support/usuarios';
import { cargarCatalogoDePrueba, esperar } from './support/actas';
import { npmRun } from './support/cli';
import { personalDeCatd, sha256 } from './support/publicacion';
import { claveNueva } from './support/idempotencia';

/**
 * `npm run auditoria -- corte verificar <corte.zip> <paquete>` on a real corte and a real bundle:
 * it passes as published, and names the row and field of one CSV value changed (zip rebuilt with
 * its manifest re-hashed); an altered manifest or signed state fails.
 */
describe('auditor: a published corte checked offline against an exported bundle', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];
  let zip: string;
  let paquete: string;
  const dataDir = carpetaDeDatosPropia('corte-verificar');
  const trabajo = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-corte-verificar-trabajo-'));
  const verificar = (z: string) => npmRun('auditoria', ['corte', 'verificar', z, paquete]);

  /** The published zip with `cambiar` applied to its files, the manifest's list re-hashed for the files changed. */
  async function zipAlterado(nombre: string, cambiar: (archivos: Map<string, Buffer>, m: ManifiestoCorte) => void): Promise<string> {
    const archivos = await leerZip(fs.readFileSync(zip));
    const m = JSON.parse(archivos.get('manifiesto.json')!.toString('utf8')) as ManifiestoCorte;
    cambiar(archivos, m);
    m.archivos = m.archivos.map((a) => ({ ...a, sha256: sha256(archivos.get(a.nombre)!), bytes: archivos.get(a.nombre)!.length }));
    archivos.set('manifiesto.json', Buffer.from(`${JSON.stringify(m)}\n`));
    const orden = ['manifiesto.json', ...m.archivos.map((a) => a.nombre)];
    const salida = path.join(trabajo, nombre);
    fs.writeFileSync(salida, await zipDeterminista(orden.map((n) => ({ nombre: n, contenido: archivos.get(n)! }))));
    return salida;
  }

  beforeAll(async () => {
    h = await startHarness({ env: { PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA: '1200', PREP_DATA_DIR: dataDir } });
    const cat = await cargarCatalogoDePrueba(h.app, { idEntidad: 31, semilla: 43, casillas: 12, municipios: 1 });
    const catd = cat.actas[0].casilla.catd;
    actas = cat.actas.filter((a) => a.casilla.catd === catd && a.casilla.tipo !== 'S').slice(0, 2);
    const publicar = await personalDeCatd(h.app, catd);
    const admin = (await crearUsuarioConToken(h.app, { roles: ['administrador'] })).token;
    await hacerPuestaEnCeros(h.app, admin);
    for (const a of actas) await publicar(a);
    const http = () => request(h.app.getHttpServer());
    esperar(await http().post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${admin}`), 201, 'apertura');
    const r = esperar(await http().post('/publicacion/cortes').set(claveNueva()).set('Authorization', `Bearer ${admin}`), 202, 'corte');
    const corte = (await h.app.get(TemporalService).client.workflow.getHandle(r.body.workflowId).result()) as { numero: number };
    zip = path.join(dataDir, 'publicacion', 'cortes', String(corte.numero), `corte-${corte.numero}.zip`);
    paquete = path.join(trabajo, 'paquete');
    const exp = await npmRun('auditoria', ['exportar', '--salida', paquete], { PREP_DATA_DIR: dataDir });
    if (exp.codigo !== 0) throw new Error(`exportar: ${exp.stdout}${exp.stderr}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('passes on the corte as published', async () => {
    const r = await verificar(zip);
    expect(r.stdout).toMatch(/Sin problemas/);
    expect(r.codigo).toBe(0);
  });

  it('names the row and the field of one CSV value changed', async () => {
    const acta = actas[1];
    const columna = acta.eleccion.columnasVoto[0];
    const alterado = await zipAlterado('csv.zip', (archivos) => {
      const [nombre, csv] = [...archivos].find(
        ([n, b]) => n.toLowerCase().endsWith('.csv') && n !== 'casillas.csv' && b.toString('utf8').includes(acta.claveActa),
      )!;
      const lineas = csv.toString('utf8').split('\r');
      // Parsed as CSV, not split on commas: UBICACION_CASILLA holds quoted commas.
      const cabecera = parse(lineas.find((l) => l.includes('CLAVE_ACTA'))!)[0] as string[];
      const i = lineas.findIndex((l) => l.includes(`'${acta.claveActa}'`));
      const celdas = parse(lineas[i])[0] as string[];
      const j = cabecera.indexOf(columna);
      celdas[j] = String(Number(celdas[j]) + 1);
      lineas[i] = stringify([celdas], { eof: false, quoted_empty: false });
      archivos.set(nombre, Buffer.from(lineas.join('\r'), 'utf8'));
    });
    const r = await verificar(alterado);
    expect(r.codigo).toBe(1);
    expect(r.stdout).toContain(acta.claveActa);
    expect(r.stdout).toContain(`columna ${columna}`);
    expect(r.stdout).toMatch(/ninguna entrada CORTE_PUBLICADO/);
  });

  it('fails when the manifest or the signed state in the zip is altered', async () => {
    const manifiesto = await zipAlterado('manifiesto.zip', (_a, m) => {
      m.instante = new Date(Date.parse(m.instante) - 60_000).toISOString();
    });
    const r1 = await verificar(manifiesto);
    expect(r1.codigo).toBe(1);
    expect(r1.stdout).toMatch(/ninguna entrada CORTE_PUBLICADO/);

    const estado = await zipAlterado('estado.zip', (_a, m) => {
      m.estadoFirmado.txHash = `${m.estadoFirmado.txHash.slice(0, -1)}${m.estadoFirmado.txHash.endsWith('0') ? '1' : '0'}`;
    });
    const r2 = await verificar(estado);
    expect(r2.codigo).toBe(1);
    expect(r2.stdout).toMatch(/la firma del estado .* no corresponde/);
    // Even a valid signature would not help: that txHash is not the transaction's in the bundle's proven history.
    expect(r2.stdout).toMatch(/no es el de esa transacción en la historia que el paquete prueba/);
  });
});
