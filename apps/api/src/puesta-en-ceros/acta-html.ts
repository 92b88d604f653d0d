/**
 * The printable "Acta de puesta en ceros": the figures the notary, the ente auditor and the
 * administrador sign. Pure: the stored record in, one self-contained HTML page out (no scripts, no
 * external resources), every value escaped.
 */
import { escaparHtml } from '@prep/reportes';
import type { PuestaEnCerosRegistrada } from './puesta-en-ceros.tipos';

const escapar = (v: unknown): string => escaparHtml(String(v ?? '—'));

const dosDigitos = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy HH:MM:SS in UTC-6, the zone the PREP publishes in, plus the UTC instant. */
function fecha(iso: string): string {
  const d = new Date(Date.parse(iso) - 6 * 3600_000);
  const local = `${dosDigitos(d.getUTCDate())}/${dosDigitos(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${dosDigitos(d.getUTCHours())}:${dosDigitos(d.getUTCMinutes())}:${dosDigitos(d.getUTCSeconds())}`;
  return `${local} (UTC-6) — ${iso}`;
}

const miles = (n: number) => n.toLocaleString('es-MX');

function filas(pares: [string, unknown, boolean?][]): string {
  return pares.map(([k, v, huella]) => `<tr><th>${escapar(k)}</th><td${huella ? ' class="huella"' : ''}>${escapar(v)}</td></tr>`).join('\n');
}

export function actaPuestaEnCerosHtml({ registro: r, bitacoraClave, bitacoraTx }: PuestaEnCerosRegistrada): string {
  const c = r.compilacion;
  const firma = (rol: string, nombre: string | null) =>
    `<div class="firma"><div class="linea"></div><div>${escapar(nombre ?? 'Nombre: ______________________________')}</div><div class="rol">${escapar(rol)}</div></div>`;
  return `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>Acta de puesta en ceros del PREP</title>
<style>
  body { font-family: "DejaVu Serif", Georgia, serif; max-width: 52em; margin: 2em auto; color: #111; line-height: 1.4; }
  h1 { text-align: center; font-size: 1.5em; margin-bottom: 0.2em; }
  .sub { text-align: center; margin-top: 0; color: #333; }
  h2 { font-size: 1.1em; border-bottom: 1px solid #999; margin-top: 1.6em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em; border-bottom: 1px solid #ddd; }
  th { width: 30%; font-weight: normal; color: #333; }
  td { font-weight: bold; }
  td.huella { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; font-weight: normal; word-break: break-all; }
  .firmas { display: flex; justify-content: space-between; gap: 2em; margin-top: 5em; page-break-inside: avoid; }
  .firma { flex: 1; text-align: center; font-size: 0.95em; }
  .firma .linea { border-top: 1px solid #000; margin-bottom: 0.3em; }
  .firma .rol { color: #333; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Acta de puesta en ceros</h1>
<p class="sub">Programa de Resultados Electorales Preliminares (PREP)</p>
<p>Siendo el ${escapar(fecha(r.realizadaEn))}, ante ${r.notario ? `el notario público ${escapar(r.notario)}` : 'el notario público que suscribe'} y ${escapar(r.testigoAuditor.nombreCompleto)} (cuenta <code>${escapar(r.testigoAuditor.nombreUsuario)}</code>) por el ente auditor, ${escapar(r.administrador.nombreCompleto)} (cuenta <code>${escapar(r.administrador.nombreUsuario)}</code>) como administrador del sistema mostró que las bases de datos del PREP no contienen resultados y registró en la bitácora inmutable la compilación del sistema instalado, con las cifras siguientes.</p>

<h2>1. El sistema está vacío</h2>
<table>
${filas([
  ['Actas en la base de datos', miles(r.conteos.actas)],
  ['Tareas de captura y verificación', miles(r.conteos.tareas)],
  ['Cortes', miles(r.conteos.cortes)],
  ['Entradas de actas en la bitácora', miles(r.conteos.entradasActaEnBitacora)],
])}
</table>

<h2>2. Catálogo de casillas congelado</h2>
<table>
${filas([
  ['SHA-256 del catálogo', r.catalogo.sha256, true],
  ['Versión', r.catalogo.version ?? '—'],
  ['Casillas', miles(r.catalogo.totalCasillas)],
  ['Actas esperadas', miles(r.catalogo.totalActasEsperadas)],
])}
</table>

<h2>3. Estado firmado de la bitácora (immudb)</h2>
<table>
${filas([
  ['Base de datos', r.bitacora.baseDeDatos],
  ['Transacción (txId)', r.bitacora.txId],
  ['Hash de la transacción (txHash)', r.bitacora.txHash, true],
  ['Firma ECDSA P-256 del estado', r.bitacora.firma, true],
  ['Huella SHA-256 de la clave pública firmante', r.bitacora.huellaClavePublica, true],
  ['¿Es la clave pública esperada?', r.bitacora.claveEsperada === null ? 'no se configuró una clave esperada' : r.bitacora.claveEsperada ? 'sí' : 'NO'],
  ['Registro de esta puesta en ceros', `${bitacoraClave}${bitacoraTx === null ? '' : ` (transacción ${bitacoraTx})`}`],
])}
</table>

<h2>4. Compilación instalada (huellas SHA-256)</h2>
<table>
${filas([
  ['Modo', c.modo === 'dist' ? 'compilada (dist/)' : 'fuentes TypeScript'],
  ['Código de la API', c.api, true],
  ['Código del worker', c.worker, true],
  ['Paquete de workflows de Temporal', c.bundleWorkflows, true],
  ['package-lock.json', c.packageLock ?? 'no encontrado', true],
  ['Commit de git', c.commit ?? 'desconocido', true],
  ['¿Archivos modificados respecto del commit?', c.arbolModificado === null ? 'no se sabe (sin git)' : c.arbolModificado ? 'SÍ' : 'no'],
])}
</table>

<p>Las huellas anteriores se comparan con las que el ente auditor obtuvo de la compilación auditada. Cada proceso de la API y del worker registra al iniciar sus propias huellas en la bitácora; el ente auditor las revisa con <code>GET /auditoria/compilacion</code>.</p>

<div class="firmas">
${firma('Notario público', r.notario)}
${firma('Ente auditor', r.testigoAuditor.nombreCompleto)}
${firma('Administrador del PREP', r.administrador.nombreCompleto)}
</div>
</body>
</html>
`;
}
