import { generateKeyPairSync, sign } from 'node:crypto';
import { DEFAULT_POLITICA_PREP, aplicarComando, iniciarActa, type ComandoActa, type ContextoActa, type EstadoActa, type EventoActa } from '@prep/domain';
import { canonico, entradaAccionPersonal, entradaEventoActa, sha256Hex } from './esquema';
import { mensajeFirmado, verificarFirmaEstado } from './firma';
import {
  ARCHIVOS,
  construirManifiesto,
  imagenDeclarada,
  lineaJsonl,
  huellaDeContenido,
  type EstadoExportado,
  type LineaEntrada,
  type LineaImagen,
} from './paquete';
import { lectorEnMemoria, verificarPaquete } from './paquete-verificacion';
import { textoInforme } from './paquete-informe';

const COLS = ['PAN', 'PRI', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 500, representantes: 10 } };
const VALORES = {
  PAN: 100,
  PRI: 80,
  NO_REGISTRADAS: 1,
  NULOS: 9,
  TOTAL_BOLETAS_SOBRANTES: 200,
  TOTAL_PERSONAS_VOTARON: 190,
  TOTAL_REP_PARTIDO_CI_VOTARON: 5,
  TOTAL_VOTOS_SACADOS: 190,
  TOTAL_VOTOS_ASENTADO: 190,
};

/** A whole acta history from the domain's own state machine: acopio to publicación. */
function historia(claveActa: string, sha: string): EventoActa[] {
  let s = 0;
  const hora = () => new Date(Date.UTC(2027, 5, 7, 2, 0, s++)).toISOString();
  const comandos: ComandoActa[] = [
    {
      tipo: 'DIGITALIZACION',
      usuario: 'dig1',
      fechaHora: hora(),
      sha256: sha,
      origen: 'CATD',
      medio: 'ESCANER',
      ruta: `${sha.slice(0, 2)}/${sha}.jpg`,
      catd: 'M001',
    },
    { tipo: 'CAPTURA', usuario: 'cap1', fechaHora: hora(), valores: VALORES },
    { tipo: 'CAPTURA', usuario: 'cap2', fechaHora: hora(), valores: VALORES },
    { tipo: 'VERIFICACION', usuario: 'ver1', fechaHora: hora(), decision: 'CONFIRMAR' },
  ];
  let t = iniciarActa({ tipo: 'ACOPIO', claveActa, catd: 'M001', usuario: 'aco1', fechaHora: hora(), mecanismoTraslado: 'F', fueraDeCatalogo: false }, CTX);
  const eventos = [...t.eventos];
  let estado: EstadoActa = t.estado;
  for (const c of comandos) {
    t = aplicarComando(estado, c, CTX);
    estado = t.estado;
    eventos.push(...t.eventos);
  }
  return eventos;
}

const clavePar = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pemDe = (k: ReturnType<typeof clavePar>) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();

function firmar(db: string, txId: number, txHash: string, k = clavePar()) {
  const jwk = k.publicKey.export({ format: 'jwk' });
  const punto = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  const firma = sign('sha256', mensajeFirmado(db, txId, txHash), k.privateKey);
  return { db, txId, txHash, signature: { signature: firma.toString('hex'), publicKey: punto.toString('hex') } };
}

interface Paquete {
  entradas: LineaEntrada[];
  imagenes: LineaImagen[];
  estado: EstadoExportado;
}

/** What `exportar` would write for two published actas and one staff action, at a signed cut. */
function paqueteValido(): Paquete {
  const entradas: LineaEntrada[] = [];
  let tx = 1;
  for (const [clave, sha] of [
    ['140123B01006', 'a'.repeat(64)],
    ['140124B01006', 'b'.repeat(64)],
  ] as const) {
    for (const e of historia(clave, sha)) entradas.push({ ...entradaEventoActa(e), txId: ++tx });
  }
  const accion = entradaAccionPersonal({ id: '0f0e0d0c-aaaa', tipo: 'SESION_INICIADA', usuario: 'ana', fechaHora: '2027-06-07T02:00:00.000Z', datos: {} });
  entradas.push({ ...accion, txId: ++tx });
  entradas.sort((a, b) => (a.key < b.key ? -1 : 1));
  const imagenes = entradas
    .map(imagenDeclarada)
    .filter((i) => i !== null)
    .map((i) => ({ ...i, sha256Archivo: i.sha256Bitacora }));
  const clave = clavePar();
  const servidor = firmar('prep', tx, 'c3'.repeat(32), clave);
  const pem = pemDe(clave);
  return {
    entradas,
    imagenes,
    estado: {
      servidor,
      confiable: { db: 'prep', txId: tx, txHash: servidor.txHash },
      consistencia: { verificada: true, detalle: null },
      clavePublicaEsperadaPem: pem,
      firma: verificarFirmaEstado(servidor, pem),
    },
  };
}

/** The files, with a manifest re-hashed over them: what a forger who rewrites the manifest too would hand over. */
function archivos(p: Paquete): Record<string, string> {
  const f: Record<string, string> = {
    [ARCHIVOS.entradas]: p.entradas.map(lineaJsonl).join(''),
    [ARCHIVOS.imagenes]: p.imagenes.map(lineaJsonl).join(''),
    [ARCHIVOS.estado]: JSON.stringify(p.estado, null, 2),
    [ARCHIVOS.leeme]: 'léame\n',
  };
  const actas = new Set(p.entradas.filter((e) => e.key.startsWith('acta/')).map((e) => e.key.split('/')[1])).size;
  const manifiesto = construirManifiesto({
    exportadoEn: '2027-06-07T08:00:00.000Z',
    baseDeDatos: p.estado.servidor.db,
    conteos: { entradas: p.entradas.length, actas, imagenes: p.entradas.filter((e) => imagenDeclarada(e)).length, imagenesFaltantes: 0, imagenesDistintas: 0 },
    archivos: Object.fromEntries(Object.entries(f).map(([n, c]) => [n, huellaDeContenido(c)])),
  });
  return { ...f, [ARCHIVOS.manifiesto]: JSON.stringify(manifiesto, null, 2) };
}

const verificar = (f: Record<string, string>) => verificarPaquete(lectorEnMemoria(f));

/** Rewrites one entry's value object (kept canonical), as a forger would. */
function alterar(p: Paquete, key: string, cambio: (v: Record<string, unknown>) => void): void {
  const e = p.entradas.find((x) => x.key === key)!;
  const v = JSON.parse(e.value);
  cambio(v);
  e.value = canonico(v);
}

const claves = (problemas: { clave: string }[]) => problemas.map((x) => x.clave);

describe('paquete de auditoría', () => {
  it('acepta un paquete íntegro y cuenta su contenido', async () => {
    const p = paqueteValido();
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([]);
    expect(informe.avisos).toEqual([]);
    expect(informe.conteos).toEqual({ entradas: p.entradas.length, actas: 2, imagenes: 2, imagenesFaltantes: 0, imagenesDistintas: 0 });
    expect(textoInforme(informe, '/paquete')).toContain('Sin problemas');
  });

  it('detecta un archivo cambiado después del manifiesto', async () => {
    const f = archivos(paqueteValido());
    f[ARCHIVOS.leeme] = 'otro texto\n';
    const informe = await verificar(f);
    expect(informe.problemas).toEqual([expect.objectContaining({ clave: ARCHIVOS.leeme, mensaje: expect.stringContaining('no coincide con el manifiesto') })]);
    delete f[ARCHIVOS.imagenes];
    expect(claves((await verificar(f)).problemas)).toContain(ARCHIVOS.imagenes);
  });

  it('detecta un valor alterado aunque el manifiesto se haya recalculado', async () => {
    const p = paqueteValido();
    const key = 'acta/140123B01006/000003';
    alterar(p, key, (v) => ((v.datos as { valores: Record<string, number> }).valores.PAN = 101));
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([{ clave: key, mensaje: expect.stringContaining('sha256Datos no coincide') }]);
    expect(textoInforme(informe, '/paquete')).toContain(`${key}: entrada no válida`);
  });

  it('detecta un valor que no es el JSON canónico escrito en la bitácora', async () => {
    const p = paqueteValido();
    const e = p.entradas[1];
    e.value = JSON.stringify(JSON.parse(e.value), null, 1);
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: e.key, mensaje: expect.stringContaining('canónico') }]);
  });

  it('detecta una entrada guardada bajo una clave que no le corresponde', async () => {
    const p = paqueteValido();
    alterar(p, 'acta/140124B01006/000002', (v) => (v.claveActa = '140124B01007'));
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toContainEqual({ clave: 'acta/140124B01006/000002', mensaje: expect.stringContaining('no corresponde al contenido') });
  });

  it('detecta un hueco en la secuencia de un acta y lo nombra por la entrada siguiente', async () => {
    const p = paqueteValido();
    p.entradas = p.entradas.filter((e) => e.key !== 'acta/140123B01006/000003');
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([{ clave: 'acta/140123B01006/000004', mensaje: expect.stringContaining('faltan las secuencias 3') }]);
  });

  it('detecta un acta cuya historia no empieza en la secuencia 1', async () => {
    const p = paqueteValido();
    p.entradas = p.entradas.filter((e) => e.key !== 'acta/140124B01006/000001');
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: 'acta/140124B01006/000002', mensaje: expect.stringContaining('faltan las secuencias 1') },
    ]);
  });

  it('detecta una cadena de fases rota y transacciones fuera de orden', async () => {
    const p = paqueteValido();
    alterar(p, 'acta/140123B01006/000004', (v) => (v.faseAnterior = 'ACOPIADA'));
    const q = p.entradas.find((e) => e.key === 'acta/140124B01006/000003')!;
    q.txId = 1;
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([
      { clave: 'acta/140123B01006/000004', mensaje: expect.stringContaining('parte de ACOPIADA') },
      { clave: 'acta/140124B01006/000003', mensaje: expect.stringContaining('no es posterior') },
    ]);
  });

  it('exige las entradas ordenadas por clave y con tx dentro del corte firmado', async () => {
    const p = paqueteValido();
    [p.entradas[0], p.entradas[1]] = [p.entradas[1], p.entradas[0]];
    expect(claves((await verificar(archivos(p))).problemas)).toContain(p.entradas[1].key);
    const r = paqueteValido();
    r.entradas[r.entradas.length - 1].txId = r.estado.servidor.txId + 1;
    expect((await verificar(archivos(r))).problemas).toEqual([
      { clave: r.entradas[r.entradas.length - 1].key, mensaje: expect.stringContaining('posterior al estado firmado') },
    ]);
  });

  it('revisa las entradas del personal', async () => {
    const p = paqueteValido();
    const key = p.entradas.find((e) => e.key.startsWith('personal/'))!.key;
    alterar(p, key, (v) => (v.datos = { ip: '10.0.0.1' }));
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: key, mensaje: expect.stringContaining('sha256Datos') }]);
  });

  it('reporta imágenes que no coinciden, faltantes o no listadas', async () => {
    const p = paqueteValido();
    const [primera, segunda] = p.imagenes;
    primera.sha256Archivo = 'd'.repeat(64);
    segunda.sha256Archivo = null;
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([
      { clave: primera.key, mensaje: expect.stringMatching(/no coincide con su código de integridad.*d{64}/) },
      { clave: segunda.key, mensaje: expect.stringContaining('no estaba en el almacén') },
    ]);
    expect(informe.conteos).toMatchObject({ imagenesFaltantes: 1, imagenesDistintas: 1 });
    p.imagenes = [];
    expect(claves((await verificar(archivos(p))).problemas)).toEqual([primera.key, segunda.key]);
  });

  it('comprueba de nuevo la firma del estado y la clave esperada', async () => {
    const p = paqueteValido();
    p.estado.servidor = { ...p.estado.servidor, txId: p.estado.servidor.txId + 1 };
    p.estado.confiable = { ...p.estado.confiable!, txId: p.estado.servidor.txId };
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: ARCHIVOS.estado, mensaje: expect.stringContaining('no es válida') }]);

    const q = paqueteValido();
    q.estado.clavePublicaEsperadaPem = pemDe(clavePar());
    expect((await verificar(archivos(q))).problemas).toEqual([{ clave: ARCHIVOS.estado, mensaje: expect.stringContaining('clave distinta') }]);

    const r = paqueteValido();
    r.estado.clavePublicaEsperadaPem = null;
    const sinClave = await verificar(archivos(r));
    expect(sinClave.problemas).toEqual([]);
    expect(sinClave.avisos).toEqual([expect.stringContaining('no trae la clave pública esperada')]);

    const s = paqueteValido();
    delete s.estado.servidor.signature;
    expect((await verificar(archivos(s))).problemas).toEqual([{ clave: ARCHIVOS.estado, mensaje: expect.stringContaining('no está firmado') }]);
  });

  it('falla si la exportación no pudo probar la consistencia del corte o el estado confiable discrepa', async () => {
    const p = paqueteValido();
    p.estado.consistencia = { verificada: false, detalle: 'historial bifurcado' };
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: ARCHIVOS.estado, mensaje: expect.stringContaining('historial bifurcado') }]);
    const q = paqueteValido();
    q.estado.confiable = { ...q.estado.confiable!, txHash: sha256Hex('otro') };
    expect((await verificar(archivos(q))).problemas).toEqual([{ clave: ARCHIVOS.estado, mensaje: expect.stringContaining('hashes distintos') }]);
  });

  it('detecta conteos del manifiesto que no corresponden al contenido', async () => {
    const f = archivos(paqueteValido());
    const m = JSON.parse(f[ARCHIVOS.manifiesto]);
    m.conteos.actas = 3;
    f[ARCHIVOS.manifiesto] = JSON.stringify(m);
    expect((await verificar(f)).problemas).toEqual([{ clave: ARCHIVOS.manifiesto, mensaje: expect.stringContaining('3 actas') }]);
  });

  it('un paquete vacío o ilegible falla sin lanzar', async () => {
    const informe = await verificar({});
    expect(claves(informe.problemas)).toEqual([ARCHIVOS.manifiesto, ARCHIVOS.estado]);
    const f = archivos(paqueteValido());
    f[ARCHIVOS.entradas] += 'no es json\n';
    expect(claves((await verificar(f)).problemas)).toContain(`${ARCHIVOS.entradas} línea ${paqueteValido().entradas.length + 1}`);
  });

  it('el informe limita la lista de problemas en pantalla', async () => {
    const p = paqueteValido();
    for (const i of p.imagenes) i.sha256Archivo = null;
    const texto = textoInforme(await verificar(archivos(p)), '/paquete', 1);
    expect(texto).toContain('Problemas (2)');
    expect(texto).toContain('… y 1 problemas más');
    expect(texto).toContain('NO pasó la verificación');
  });
});
