/** The LEEME of a corte: what every file, line, column and placeholder means, in Spanish. */
import { DEFAULT_POLITICA_PREP, type Catalogo, type PoliticaPrep } from '@prep/domain';
import { nombreArchivoCsv } from './csv-eleccion';
import { columnasAmbito, DIGITALIZACION, MARCA } from './fila-acta';
import { ARCHIVO_MANIFIESTO } from './manifiesto';
import { COLUMNAS_RESUMEN, type ColumnaResumen } from './resumen';

const RESUMEN: Record<ColumnaResumen, string> = {
  ACTAS_ESPERADAS: 'Actas que se esperan de esta elección según el catálogo de casillas (una por casilla).',
  ACTAS_REGISTRADAS: 'ACTAS_CAPTURADAS + ACTAS_FUERA_CATALOGO.',
  ACTAS_FUERA_CATALOGO: 'Actas recibidas cuya casilla no está en el catálogo (CONTABILIZADA = 2).',
  ACTAS_CAPTURADAS: 'Filas con CONTABILIZADA 0 o 1, incluidas las SIN ACTA.',
  PORCENTAJE_ACTAS_CAPTURADAS: 'ACTAS_CAPTURADAS × 100 / ACTAS_ESPERADAS.',
  ACTAS_CONTABILIZADAS: 'Filas con CONTABILIZADA = 1: las que suman a los totales.',
  PORCENTAJE_ACTAS_CONTABILIZADAS: 'ACTAS_CONTABILIZADAS × 100 / ACTAS_ESPERADAS.',
  PORCENTAJE_ACTAS_INCONSISTENCIAS:
    'Actas del catálogo (CONTABILIZADA 0 o 1) con alguna observación, incluidas las SIN ACTA, × 100 / ACTAS_ESPERADAS. Las fuera de catálogo no cuentan aquí.',
  ACTAS_NO_CONTABILIZADAS: 'Filas con CONTABILIZADA = 0.',
  LISTA_NOMINAL_ACTAS_CONTABILIZADAS: 'Suma de LISTA_NOMINAL de las actas contabilizadas.',
  TOTAL_VOTOS_C_CS: 'Suma de TOTAL_VOTOS_CALCULADO de las actas contabilizadas, con casillas especiales (S).',
  TOTAL_VOTOS_S_CS: 'La misma suma sin casillas especiales.',
  PORCENTAJE_PARTICIPACION_CIUDADANA: '',
};

function participacion(politica: PoliticaPrep): string {
  const final = politica.participacionFinal === 'C_CS' ? ' En el corte final se usa TOTAL_VOTOS_C_CS.' : ' También en el corte final.';
  return `TOTAL_VOTOS_S_CS × 100 / LISTA_NOMINAL_ACTAS_CONTABILIZADAS.${final}`;
}

const ACTA: [string, string][] = [
  [
    'CLAVE_CASILLA',
    "Entidad (2) + sección (4) + tipo de casilla (1) + id de casilla (2) + extensión contigua (2), entre apóstrofos ('…') para que una hoja de cálculo la conserve como texto.",
  ],
  ['CLAVE_ACTA', 'CLAVE_CASILLA + tipo de acta, también entre apóstrofos.'],
  ['ID_ENTIDAD, ENTIDAD', 'Número y nombre de la entidad.'],
  ['ÁMBITO', ''],
  [
    'SECCION, ID_CASILLA, TIPO_CASILLA, EXT_CONTIGUA',
    'Sección, número de casilla, tipo (B básica, C contigua, E extraordinaria, S especial) y extensión contigua (0 si no aplica).',
  ],
  ['UBICACION_CASILLA', 'Domicilio de la casilla según el catálogo (un salto de línea se publica como espacio).'],
  ['TIPO_ACTA', 'Tipo de acta de la elección.'],
  ['TOTAL_BOLETAS_SOBRANTES, TOTAL_PERSONAS_VOTARON, TOTAL_REP_PARTIDO_CI_VOTARON, TOTAL_VOTOS_SACADOS', 'Cifras del acta tal como se capturaron.'],
  ['VOTOS', ''],
  ['TOTAL_VOTOS_ASENTADO', 'Total de votos escrito en el acta.'],
  [
    'TOTAL_VOTOS_CALCULADO',
    'Suma de todas las columnas de votos (partidos, combinaciones, candidaturas independientes, NO_REGISTRADAS y NULOS); Ilegible y Sin dato suman 0.',
  ],
  [
    'LISTA_NOMINAL, REPRESENTANTES_PP_CI',
    'Lista nominal de la casilla y representantes de partido o candidatura independiente que pueden votar en ella (catálogo).',
  ],
  [
    'OBSERVACIONES',
    "Lista entre corchetes de etiquetas entre apóstrofos, p. ej. ['Excede Lista Nominal', 'Sin dato']; vacía si no hay. Etiquetas: Excede Lista Nominal, Ilegible, Sin dato, Todos los campos ilegibles, Todos los campos vacíos, SIN ACTA (motivo), FUERA DE CATALOGO. Para leerla como texto: quite corchetes y apóstrofos.",
  ],
  ['CONTABILIZADA', '1 cuenta para los totales; 0 no cuenta (por sus observaciones o por ser SIN ACTA); 2 fuera de catálogo.'],
  ['MECANISMOS_TRASLADO', 'Clave del mecanismo con el que el paquete llegó al CATD, como se registró en el acopio.'],
  ['CODIGO_INTEGRIDAD', 'SHA-256 (hexadecimal) de la imagen publicada del acta: calcúlelo sobre el archivo de la imagen y compare.'],
  [
    'FECHA_HORA_ACOPIO, FECHA_HORA_CAPTURA, FECHA_HORA_VERIFICACION',
    'Recepción en el CATD, segunda captura de la ronda final y verificación, en dd/mm/aaaa HH:MM:SS.',
  ],
  ['ORIGEN', 'Dónde se digitalizó la imagen publicada: CATD o CASILLA (PREP Casilla).'],
  ['DIGITALIZACION', `Medio: ${DIGITALIZACION.ESCANER} (CATD) o ${DIGITALIZACION.MOVIL} (PREP Casilla).`],
  ['TIPO_DOCUMENTO', 'Tipo de documento digitalizado, como lo registró quien digitalizó.'],
  ['COTEJADA', '1 si un verificador comparó las cifras capturadas con la imagen; 0 si el acta no se capturó (SIN ACTA, fuera de catálogo).'],
];

/**
 * The LEEME.txt of a corte for this catálogo. `politica` gives the zone and the participación
 * rule (default: DEFAULT_POLITICA_PREP). Lines end with CRLF so Notepad shows it right.
 */
export function textoLeemeCorte(catalogo: Catalogo, politica: PoliticaPrep = DEFAULT_POLITICA_PREP): string {
  const zona = politica.zonaPublicacion ?? DEFAULT_POLITICA_PREP.zonaPublicacion;
  const l: string[] = [];
  const titulo = (t: string) => l.push('', t, '-'.repeat(t.length));
  l.push(`PREP ${catalogo.entidad.nombre} — LEEME de un corte`, '');
  l.push('Cada corte publica, por elección, un archivo CSV con el resumen y una fila por acta, este LEEME y');
  l.push(`${ARCHIVO_MANIFIESTO}: el número e instante del corte, el estado firmado de la bitácora (immudb) con que se`);
  l.push('hizo, el SHA-256 del catálogo y el SHA-256 y tamaño de cada archivo. Las cifras de un corte no cambian después.');

  titulo('Archivos');
  for (const e of catalogo.elecciones) l.push(`${nombreArchivoCsv(e)}: ${e.nombre} (tipo de acta ${e.tipoActa}).`);

  titulo('Formato de cada CSV');
  l.push('UTF-8 con BOM, separado por comas; cada línea, también las vacías, termina en retorno de carro solo (CR, \\r).');
  l.push('Línea 1: nombre de la elección. Línea 2: fecha y hora del corte, dd/mm/aaaa HH:MM (' + zona + ').');
  l.push('Línea 3: vacía. Línea 4: encabezado del resumen. Línea 5: valores del resumen. Línea 6: vacía.');
  l.push('Línea 7: encabezado de las actas; desde la línea 8, una fila por acta ordenada por entidad, distrito o');
  l.push('municipio, sección, tipo de casilla, id de casilla y extensión contigua (las fuera de catálogo, cuyo');
  l.push('distrito o municipio se desconoce, al final). Las celdas con coma o comillas van entre comillas dobles.');
  l.push(`Todas las fechas y horas están en la zona ${zona}.`);

  titulo('Resumen (líneas 4 y 5)');
  for (const c of COLUMNAS_RESUMEN) l.push(`${c}: ${c === 'PORCENTAJE_PARTICIPACION_CIUDADANA' ? participacion(politica) : RESUMEN[c]}`);
  l.push('Todo PORCENTAJE_* se trunca (no se redondea) a 4 decimales y se escribe con los 4 (p. ej. 66.6666); con');
  l.push('denominador 0 (sin actas esperadas, o sin lista nominal contabilizada) se publica 0.0000.');

  titulo('Columnas de las actas (línea 7 en adelante)');
  for (const [c, texto] of ACTA) {
    if (c === 'ÁMBITO') {
      for (const e of catalogo.elecciones) {
        const [id, nombre] = columnasAmbito(e.ambito);
        l.push(`${id}, ${nombre} (${nombreArchivoCsv(e)}): número y nombre del ${e.ambito === 'MUNICIPIO' ? 'municipio' : 'distrito local'}.`);
      }
    } else if (c === 'VOTOS') {
      for (const e of catalogo.elecciones) l.push(`Votos de ${nombreArchivoCsv(e)}, en este orden: ${e.columnasVoto.join(', ')}.`);
      l.push(
        'Cada columna de votos es un partido, una combinación de coalición (PARTIDO_PARTIDO) o una candidatura independiente (CAND_IND_n); NO_REGISTRADAS y NULOS al final.',
      );
    } else l.push(`${c}: ${texto}`);
  }

  titulo('Marcas en las celdas');
  l.push(
    `${MARCA.SIN_VALOR}  sin valor: el acta no se capturó (SIN ACTA, fuera de catálogo), no se recibió (acopio de una SIN ACTA), no tiene imagen publicada, o el dato no se registró.`,
  );
  l.push(`${MARCA.ILEGIBLE}  el campo no se pudo leer en el acta.`);
  l.push(`${MARCA.SIN_DATO}  el campo venía vacío en el acta.`);
  l.push(`${MARCA.NO_APLICA}  no aplica: dato de catálogo de una casilla fuera de catálogo (distrito o municipio, ubicación, lista nominal, representantes).`);

  titulo('Leer con pandas');
  l.push('import pandas as pd');
  l.push("resumen = pd.read_csv('ARCHIVO.csv', skiprows=3, nrows=1, header=None)   # valores del resumen");
  l.push("actas = pd.read_csv('ARCHIVO.csv', skiprows=4, dtype=str)                # tabla de actas");
  l.push('(pandas no cuenta las líneas vacías terminadas en CR; no convierta el archivo a CRLF: ambas llamadas fallarían).');
  l.push("Para las claves: actas['CLAVE_ACTA'].str.strip(\"'\"). pandas lee N/A y las celdas vacías como NaN;");
  l.push('para conservarlas como texto agregue keep_default_na=False.');

  titulo('Verificar un corte');
  l.push('Con el zip del corte y el paquete de auditoría de la bitácora:');
  l.push('  npm run auditoria -- corte verificar <zip> <paquete>');
  l.push(`Comprueba el SHA-256 y tamaño de cada archivo listado en ${ARCHIVO_MANIFIESTO}, el SHA-256 del catálogo, y`);
  l.push('reconstruye cada CSV desde la bitácora hasta la transacción firmada del manifiesto; cualquier diferencia');
  l.push('se informa con su archivo, línea, CLAVE_ACTA y columna.');
  return l.join('\r\n') + '\r\n';
}
