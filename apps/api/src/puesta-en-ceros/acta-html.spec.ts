import { actaPuestaEnCerosHtml } from './acta-html';
import type { PuestaEnCerosRegistrada } from './puesta-en-ceros.tipos';

const h = (c: string) => c.repeat(64);

const registrada: PuestaEnCerosRegistrada = {
  bitacoraClave: 'personal/2027-06-06T14:00:00.000Z/abc12345',
  bitacoraTx: 42,
  registro: {
    realizadaEn: '2027-06-06T14:00:00.000Z',
    administrador: { nombreUsuario: 'admin', nombreCompleto: 'Ana <b>López</b>' },
    testigoAuditor: { nombreUsuario: 'auditor.unam', nombreCompleto: 'Luis "Auditor" & Cía' },
    notario: null,
    catalogo: { sha256: h('1'), version: 'OPLE-v3', totalCasillas: 10_000, totalActasEsperadas: 20_000 },
    conteos: { actas: 0, tareas: 0, cortes: 0, entradasActaEnBitacora: 0 },
    bitacora: { baseDeDatos: 'prep', txId: 41, txHash: h('2'), firma: 'ab', clavePublica: '04', huellaClavePublica: h('3'), claveEsperada: true },
    compilacion: { modo: 'dist', api: h('4'), worker: h('5'), bundleWorkflows: h('6'), packageLock: h('7'), commit: 'e'.repeat(40), arbolModificado: false },
  },
};

describe('acta de puesta en ceros (HTML)', () => {
  const html = actaPuestaEnCerosHtml(registrada);

  it('shows the time in UTC-6 and in UTC, the figures with thousands separators and every fingerprint', () => {
    expect(html).toContain('06/06/2027 08:00:00 (UTC-6) — 2027-06-06T14:00:00.000Z');
    expect(html).toContain('<td>20,000</td>');
    for (const c of ['1', '2', '3', '4', '5', '6', '7']) expect(html).toContain(h(c));
    expect(html).toContain('personal/2027-06-06T14:00:00.000Z/abc12345 (transacción 42)');
  });

  it('escapes every value and leaves a blank name line for a notary not named', () => {
    expect(html).toContain('Ana &lt;b&gt;López&lt;/b&gt;');
    expect(html).toContain('Luis &quot;Auditor&quot; &amp; Cía');
    expect(html).not.toContain('<b>López');
    expect(html).toContain('el notario público que suscribe');
    expect(html).toContain('Nombre: ______________________________');
  });
});
