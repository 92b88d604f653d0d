/**
 * One acta's row of a corte's CSV (DOMAIN.md "Published CSV").
 *
 * A row depends ONLY on facts fixed when the acta was published: its resultado (figures,
 * observaciones, CONTABILIZADA, the published image's sha256), the image that sha256 names (origen,
 * medio, tipo de documento), the acopio, the capture and verification times and the catálogo. It
 * never reads what may still change afterwards — the list of images (a late IMAGEN_DIGITALIZADA is
 * appended after publication), the acta's current CATD (a correction), fechaHoraUltimoCambio — so
 * the figures of a corte never change later and every later corte repeats the same row.
 */
import { CAMPOS_TOTALES, ILEGIBLE, SIN_DATO, parseClaveActa, type AmbitoEleccion, type Catalogo, type Eleccion, type ValorCampo } from '@prep/domain';
import type { ActaEnCorte } from './entrada';
import { fechaHoraPublicada, listaObservaciones, textoCelda } from './formato';

/** Cell placeholders (DOMAIN.md). */
export const MARCA = Object.freeze({
  /** No value: the acta was not captured (SIN ACTA, fuera de catálogo), not received, or the value was not recorded. */
  SIN_VALOR: '-',
  /** A captured field marked ilegible. */
  ILEGIBLE: 'Ilegible',
  /** A captured field marked sin dato. */
  SIN_DATO: 'Sin dato',
  /** Catálogo data that does not exist for the acta: the casilla of a fuera de catálogo acta. */
  NO_APLICA: 'N/A',
} as const);

/** DIGITALIZACION as the published files spell it (DOMAIN.md glossary). */
export const DIGITALIZACION = Object.freeze({ ESCANER: 'Escáner', MOVIL: 'Móvil' } as const);

const TOTALES_ANTES = ['TOTAL_BOLETAS_SOBRANTES', 'TOTAL_PERSONAS_VOTARON', 'TOTAL_REP_PARTIDO_CI_VOTARON', 'TOTAL_VOTOS_SACADOS'] as const;
const COLUMNAS_FINALES = [
  'TOTAL_VOTOS_ASENTADO',
  'TOTAL_VOTOS_CALCULADO',
  'LISTA_NOMINAL',
  'REPRESENTANTES_PP_CI',
  'OBSERVACIONES',
  'CONTABILIZADA',
  'MECANISMOS_TRASLADO',
  'CODIGO_INTEGRIDAD',
  'FECHA_HORA_ACOPIO',
  'FECHA_HORA_CAPTURA',
  'FECHA_HORA_VERIFICACION',
  'ORIGEN',
  'DIGITALIZACION',
  'TIPO_DOCUMENTO',
  'COTEJADA',
] as const;

/** ID_MUNICIPIO, MUNICIPIO or ID_DISTRITO_LOCAL, DISTRITO_LOCAL by the election's ámbito. */
export function columnasAmbito(ambito: AmbitoEleccion): [string, string] {
  return ambito === 'MUNICIPIO' ? ['ID_MUNICIPIO', 'MUNICIPIO'] : ['ID_DISTRITO_LOCAL', 'DISTRITO_LOCAL'];
}

/** The acta header of an election's CSV: DOMAIN.md's list, one column per vote column in catálogo order. */
export function columnasActaCsv(eleccion: Eleccion): string[] {
  return [
    'CLAVE_CASILLA',
    'CLAVE_ACTA',
    'ID_ENTIDAD',
    'ENTIDAD',
    ...columnasAmbito(eleccion.ambito),
    'SECCION',
    'ID_CASILLA',
    'TIPO_CASILLA',
    'EXT_CONTIGUA',
    'UBICACION_CASILLA',
    'TIPO_ACTA',
    ...TOTALES_ANTES,
    ...eleccion.columnasVoto,
    ...COLUMNAS_FINALES,
  ];
}

/** A row ready to be sorted: its cells and the DOMAIN.md sort key. */
export interface FilaActa {
  celdas: string[];
  /** ámbito id (Infinity when unknown: fuera de catálogo rows go last in their sección order), sección, tipo, id, ext. */
  orden: [number, number, string, number, number, string];
}

/** Names of the ámbito's distritos or municipios, by id. */
export function nombresAmbito(catalogo: Catalogo, ambito: AmbitoEleccion): Map<number, string> {
  const lista = ambito === 'MUNICIPIO' ? catalogo.municipios : catalogo.distritos;
  return new Map(lista.map((x) => [x.id, x.nombre]));
}

function valorCampo(v: ValorCampo | undefined): string {
  if (v === ILEGIBLE) return MARCA.ILEGIBLE;
  if (v === SIN_DATO) return MARCA.SIN_DATO;
  return typeof v === 'number' ? String(v) : MARCA.SIN_VALOR;
}

/** `'…'` keeps a clave as text in spreadsheets (DOMAIN.md). */
export function claveCitada(clave: string): string {
  return `'${clave}'`;
}

/** The row of one published acta (see the module comment for what it may depend on). */
export function filaActa(a: ActaEnCorte, contexto: { catalogo: Catalogo; eleccion: Eleccion; nombres: Map<number, string>; minutosZona: number }): FilaActa {
  const { estado, resultado, enCatalogo } = a;
  const { catalogo, eleccion, nombres, minutosZona } = contexto;
  const clave = parseClaveActa(estado.claveActa);
  const casilla = enCatalogo?.casilla;
  const idAmbito = casilla ? (eleccion.ambito === 'MUNICIPIO' ? casilla.idMunicipio : casilla.idDistritoLocal) : null;
  const datos = resultado.datos;
  const campo = (c: string) => (datos ? valorCampo(datos[c]) : MARCA.SIN_VALOR);
  const fecha = (iso: string | null) => (iso ? fechaHoraPublicada(iso, minutosZona) : MARCA.SIN_VALOR);
  const imagen = imagenDelResultado(a);
  const celdas = [
    claveCitada(clave.claveCasilla),
    claveCitada(estado.claveActa),
    String(catalogo.entidad.id),
    textoCelda(catalogo.entidad.nombre),
    idAmbito === null ? MARCA.NO_APLICA : String(idAmbito),
    idAmbito === null ? MARCA.NO_APLICA : textoCelda(nombres.get(idAmbito) ?? MARCA.NO_APLICA),
    String(clave.seccion),
    String(clave.idCasilla),
    clave.tipo,
    String(clave.extContigua),
    casilla ? textoCelda(casilla.ubicacion) : MARCA.NO_APLICA,
    eleccion.tipoActa,
    ...TOTALES_ANTES.map(campo),
    ...eleccion.columnasVoto.map(campo),
    campo(CAMPOS_TOTALES[4]),
    resultado.totalVotosCalculado === null ? MARCA.SIN_VALOR : String(resultado.totalVotosCalculado),
    casilla ? String(casilla.listaNominal) : MARCA.NO_APLICA,
    casilla ? String(casilla.representantes) : MARCA.NO_APLICA,
    listaObservaciones(resultado.observaciones),
    String(resultado.contabilizada),
    estado.acopio ? textoCelda(estado.acopio.mecanismoTraslado) : MARCA.SIN_VALOR,
    resultado.imagenSha256 ?? MARCA.SIN_VALOR,
    fecha(estado.fechaHoraAcopio),
    fecha(estado.fechaHoraCaptura),
    fecha(estado.fechaHoraVerificacion),
    imagen ? imagen.origen : MARCA.SIN_VALOR,
    imagen ? DIGITALIZACION[imagen.medio] : MARCA.SIN_VALOR,
    imagen?.tipoDocumento ? textoCelda(imagen.tipoDocumento) : MARCA.SIN_VALOR,
    // Cotejada: its captured figures were checked against the image by a verificador (or coordinador).
    estado.verificacion ? '1' : '0',
  ];
  return {
    celdas,
    orden: [idAmbito ?? Number.POSITIVE_INFINITY, clave.seccion, clave.tipo, clave.idCasilla, clave.extContigua, estado.claveActa],
  };
}

/** The image resultado.imagenSha256 names — never "the first image now", which a late image could change. */
function imagenDelResultado(a: ActaEnCorte) {
  const sha = a.resultado.imagenSha256;
  if (!sha) return null;
  const imagen = a.estado.imagenes.find((i) => i.sha256 === sha);
  if (!imagen) throw new Error(`El acta ${a.estado.claveActa} publicó la imagen ${sha}, que no está entre sus imágenes.`);
  return imagen;
}

/** DOMAIN.md order: entidad (one per PREP), distrito/municipio, sección, tipo de casilla, id casilla, ext contigua. */
export function compararFilas(a: FilaActa, b: FilaActa): number {
  for (let i = 0; i < a.orden.length; i++) {
    const x = a.orden[i];
    const y = b.orden[i];
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
