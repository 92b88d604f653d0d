import { sha256Hex } from './esquema';
import { ARCHIVOS } from './paquete';
import { textoInforme } from './paquete-informe';
import { alterar, archivos, claves, clavePar, paqueteValido, pemDe, verificar } from './paquete-ejemplo.spec-helper';

/** The content checks of the bundle; the cryptographic ones are in paquete-pruebas.spec.ts. */
describe('paquete de auditoría', () => {
  it('acepta un paquete íntegro y cuenta su contenido', async () => {
    const p = paqueteValido();
    const informe = await verificar(archivos(p), { clavePublicaPem: pemDe(p.clave) });
    expect(informe.problemas).toEqual([]);
    expect(informe.avisos).toEqual([]);
    // Without the key from outside the bundle it still passes, and says what that does not prove.
    expect((await verificar(archivos(p))).avisos).toEqual([expect.stringContaining('--clave-publica')]);
    expect(informe.conteos).toEqual({ transacciones: 14, entradas: p.entradas.length, actas: 2, imagenes: 2, imagenesFaltantes: 0, imagenesDistintas: 0 });
    expect(informe.cadenaProbada).toBe(true);
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
    expect(informe.problemas).toEqual([
      { clave: key, mensaje: expect.stringContaining('sha256Datos no coincide') },
      { clave: key, mensaje: expect.stringContaining('no pertenece a la transacción') },
    ]);
    expect(textoInforme(informe, '/paquete')).toContain(`${key}: entrada no válida`);
  });

  it('detecta un valor que no es el JSON canónico escrito en la bitácora', async () => {
    const p = paqueteValido();
    const e = p.entradas[1];
    e.value = JSON.stringify(JSON.parse(e.value), null, 1);
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: e.key, mensaje: expect.stringContaining('canónico') },
      { clave: e.key, mensaje: expect.stringContaining('no pertenece a la transacción') },
    ]);
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
    // The gap by the acta's history; the omission itself by its transaction, whose leaf nobody claims.
    expect(informe.problemas).toEqual([
      { clave: 'acta/140123B01006/000004', mensaje: expect.stringContaining('faltan las secuencias 3') },
      { clave: 'tx 4', mensaje: expect.stringContaining('su entrada no está en el paquete') },
    ]);
  });

  it('detecta un acta cuya historia no empieza en la secuencia 1', async () => {
    const p = paqueteValido();
    p.entradas = p.entradas.filter((e) => e.key !== 'acta/140124B01006/000001');
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: 'acta/140124B01006/000002', mensaje: expect.stringContaining('faltan las secuencias 1') },
      { clave: 'tx 8', mensaje: expect.stringContaining('su entrada no está en el paquete') },
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
      { clave: 'acta/140123B01006/000004', mensaje: expect.stringContaining('no pertenece a la transacción 5') },
      { clave: 'acta/140124B01006/000003', mensaje: expect.stringContaining('es anterior al de la secuencia anterior') },
      { clave: 'acta/140124B01006/000003', mensaje: expect.stringContaining('no pertenece a la transacción 1') },
      { clave: 'tx 10', mensaje: expect.stringContaining('su entrada no está en el paquete') },
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
      { clave: r.entradas[r.entradas.length - 1].key, mensaje: 'la transacción 15 no está en transacciones.jsonl' },
      { clave: 'tx 14', mensaje: expect.stringContaining('1 de sus 3 entradas no están en el paquete') },
    ]);
  });

  it('revisa las entradas del personal', async () => {
    const p = paqueteValido();
    const key = p.entradas.find((e) => e.key.startsWith('personal/'))!.key;
    alterar(p, key, (v) => (v.datos = { ip: '10.0.0.1' }));
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: key, mensaje: expect.stringContaining('sha256Datos') },
      { clave: key, mensaje: expect.stringContaining('no pertenece a la transacción 14') },
    ]);
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
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: ARCHIVOS.estado, mensaje: expect.stringContaining('no es válida') },
      { clave: ARCHIVOS.transacciones, mensaje: expect.stringContaining('termina en la transacción 14 y el estado firmado es la 15') },
    ]);

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
