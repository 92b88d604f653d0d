import type { ConteosPaquete, EstadoExportado } from '@prep/audit';
import type { PrepConfig } from '@prep/config';

/** The bundle's LEEME.txt: how an auditor checks it by hand, offline and with immuclient. */

export function separarDireccion(direccion: string): { host: string; puerto: string } {
  const i = direccion.lastIndexOf(':');
  if (i <= 0) throw new Error(`IMMUDB_ADDRESS no válida: '${direccion}' (use host:puerto)`);
  return { host: direccion.slice(0, i), puerto: direccion.slice(i + 1) };
}

/** Quotes an argument for display, so the printed command can be pasted into a shell. */
export function comillas(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function textoLeeme(cfg: PrepConfig, estado: EstadoExportado, conteos: ConteosPaquete, ejemplo: string | null): string {
  const { host, puerto } = separarDireccion(cfg.IMMUDB_ADDRESS);
  const { servidor } = estado;
  const clave = ejemplo ?? 'acta/<CLAVE_ACTA>/000001';
  const conexion = `-a ${host} -p ${puerto} --tokenfile "$PWD/token"`;
  return `PAQUETE DE AUDITORÍA DEL PREP — bitácora inmutable (immudb 1.1.0)
==================================================================

Base de datos '${servidor.db}' del servidor immudb ${cfg.IMMUDB_ADDRESS}.
Corte: estado firmado por el servidor en la transacción ${servidor.txId}, hash ${servidor.txHash}.
Contiene ${conteos.transacciones} transacciones, ${conteos.entradas} entradas de bitácora (${conteos.actas} actas) y ${conteos.imagenes} imágenes.
Formato del paquete: versión 2 (con pruebas criptográficas de cada entrada).

ARCHIVOS
  transacciones.jsonl
                   El encabezado de CADA transacción de immudb de la 1 a la ${servidor.txId}, en orden:
                   {"id", "prevAlh", "ts", "nentries", "eH", "blTxId", "blRoot"} (hashes en
                   hexadecimal). "otras": las entradas de esa transacción que no son de la bitácora
                   exportada (p. ej. la del catálogo SQL que immudb escribe al crear la base), con su
                   clave guardada, el hash de su valor guardado ("hValue") y su prueba.
  entradas.jsonl   Una línea JSON por entrada con prefijo acta/ o personal/, ordenadas por clave:
                   {"key", "value", "txId", "prueba": {"leaf", "width", "terms"}}. "value" es el
                   texto exacto guardado en immudb: JSON canónico (RFC 8785) del formato de bitácora
                   versión 1 {esquema, tipo, claveActa, secuencia, faseAnterior, faseNueva, usuario,
                   fechaHora, datos, sha256Datos}. "prueba" es la prueba de inclusión de la entrada
                   en el árbol de su transacción (términos en hexadecimal, de la hoja a la raíz).
                   Solo hay entradas con txId ≤ ${servidor.txId}.
  imagenes.jsonl   Una línea por entrada IMAGEN_DIGITALIZADA: {"key", "claveActa",
                   "sha256Bitacora" (código de integridad registrado en la bitácora), "ruta",
                   "sha256Archivo" (SHA-256 recalculado del archivo guardado al exportar; null si
                   el archivo no estaba)}.
  estado.json      "servidor": el estado actual que immudb firmó (db, txId, txHash y la firma
                   ECDSA P-256 con la clave pública del firmante); "confiable": el estado que el
                   cliente exportador da por verificado después de probar criptográficamente que
                   el corte es consistente con lo que ya había verificado antes ("consistencia");
                   "clavePublicaEsperadaPem": la clave pública que el operador declara para el
                   servidor; "firma": el resultado de comprobar la firma al exportar.
  manifiesto.json  Formato y versión (2), fecha de exportación, conteos, y SHA-256 y tamaño de
                   cada uno de los archivos anteriores.
  LEEME.txt        Este archivo.

VERIFICACIÓN SIN ACCESO A LA BASE DE DATOS
  Con el código abierto del PREP:
    npm run auditoria -- verificar <carpeta> --clave-publica <clave pública del servidor, PEM>
  Dé la clave pública obtenida por un canal independiente (p. ej. el acta de la puesta en ceros):
  sin --clave-publica se usa la que trae estado.json, que quien rehiciera el paquete entero habría
  cambiado por la suya, y el informe lo advierte.
  Termina con código 0 si no encontró problemas y 1 si encontró alguno; lista cada problema con
  la clave de la entrada afectada. Comprueba, y cualquiera puede repetirlo con otras herramientas:
   1. El SHA-256 de cada archivo coincide con manifiesto.json (p. ej. sha256sum entradas.jsonl).
   2. Cada entrada acta/: esquema 1; el valor está en JSON canónico RFC 8785; sha256Datos es el
      SHA-256 (hex) del JSON canónico de "datos"; la clave es acta/<claveActa>/<secuencia con
      6 dígitos>.
   3. Por acta: secuencias 1, 2, 3… sin huecos; la faseAnterior de cada entrada es la faseNueva
      de la anterior (null en la primera); cada entrada está en una transacción posterior.
   4. Cada entrada personal/: esquema 1, JSON canónico, sha256Datos, y clave
      personal/<fechaHora>/<id>.
   5. Cada imagen: el SHA-256 del archivo es el código de integridad registrado en la bitácora.
   6. La firma del estado: ECDSA P-256 con SHA-256 sobre los bytes
      [longitud del nombre de la base, u32 big-endian][nombre][txId, u64 big-endian][txHash, 32 bytes],
      con la clave pública que trae la firma, y que esa clave es la esperada.
   7. La cadena de transacciones (immudb 1.1.0): para cada encabezado,
        Alh = SHA-256(id u64 ‖ prevAlh ‖ SHA-256(ts u64 ‖ nentries u32 ‖ eH ‖ blTxId u64 ‖ blRoot))
      (enteros big-endian); el prevAlh de la transacción 1 es SHA-256 de nada (e3b0c442…) y el de
      cada una es el Alh de la anterior; el Alh de la última (la ${servidor.txId}) debe ser el txHash firmado.
   8. Cada entrada está en su transacción: su digesto es
        SHA-256(0x00 ‖ key ‖ SHA-256(0x00 ‖ value))
      (immudb antepone el byte 0 a la clave y al valor de un set simple); la hoja es
      SHA-256(0x00 ‖ digesto), y cada término t de la prueba se combina como SHA-256(0x01 ‖ actual ‖ t)
      si el índice (empieza en leaf) es par y distinto del último índice (empieza en width-1), o
      SHA-256(0x01 ‖ t ‖ actual) si no; ambos índices se dividen entre 2 (entero) tras cada término.
      Al final los dos índices son iguales y el resultado es el eH de la transacción; width debe
      ser el nentries de su encabezado. Lo mismo para las "otras" entradas, con su clave y hValue.
   9. Cada hoja de cada transacción la ocupa una entrada de entradas.jsonl o una de sus "otras",
      y ninguna "otra" tiene prefijo acta/ o personal/: ninguna entrada de la bitácora hasta el
      corte falta en el paquete.
  Así, una entrada con su valor, clave o txId alterado, un encabezado o una prueba alterados, una
  transacción quitada o una entrada omitida se reportan con su clave o con "tx <número>".

  Huella del paquete: el SHA-256 de manifiesto.json (lo imprime la exportación). Publíquela o
  hágala constar (p. ej. ante notario) al entregar el paquete; quien lo reciba la compara.
  La clave pública esperada del servidor debe obtenerse por un canal independiente (p. ej. el
  acta de la puesta en ceros), no solo de este paquete.

LO QUE LA VERIFICACIÓN FUERA DE LÍNEA NO PRUEBA
  - Que la clave pública sea la del servidor del PREP: la verificación confía en la clave que
    usted le da con --clave-publica (o, sin ella, en la del propio paquete); obténgala por un
    canal independiente. Quien tenga la clave privada del servidor podría firmar otro historial.
  - Que el servidor no haya reescrito su historial ANTES del corte entre dos exportaciones: eso
    lo prueba la consistencia con el estado confiable anterior que hizo el exportador ("consistencia"
    en estado.json) o, por su cuenta, immuclient contra un estado que usted ya verificó.
  - Que las imágenes del almacén sean las que dice imagenes.jsonl: el paquete trae sus SHA-256,
    no los archivos; recalcúlelos sobre los archivos publicados.
  La verificación en línea con immuclient, el cliente oficial de immudb, repite la prueba de
  inclusión con el código de immudb sobre claves elegidas al azar por el auditor.

VERIFICACIÓN EN LÍNEA CON immuclient 1.1.0 (la versión del servidor)
  Desde la carpeta del paquete, guarde la clave pública esperada en un archivo, p. ej.:
    jq -r .clavePublicaEsperadaPem estado.json > servidor.pub.pem
  En una carpeta de trabajo vacía (immuclient guarda su estado confiable .state-<uuid> en la
  carpeta actual, y un estado de otra clave hace fallar la comprobación con "data is corrupted"):
    mkdir auditoria-immuclient && cd auditoria-immuclient
    export IMMUCLIENT_PASSWORD='<contraseña>'      # immuclient 1.1.0 no lee la contraseña de stdin
    immuclient login ${cfg.IMMUDB_USER} ${conexion} </dev/null
    immuclient use ${servidor.db} ${conexion} </dev/null
    immuclient safeget ${comillas(clave)} ${conexion} --server-signing-pub-key ../servidor.pub.pem </dev/null
  La ruta de --tokenfile debe ser absoluta (una relativa se escribe en $HOME). safeget imprime
  tx, key, value y hash, y "verified: true" cuando la prueba criptográfica se cumple; compare
  "value" con la línea de entradas.jsonl. Si la firma del estado no corresponde a la clave dada
  imprime "signature doesn't match provided public key". El código de salida de immuclient es 0
  aun cuando la verificación falla: decida por el texto "verified: true".
  Con el código del PREP, lo mismo en un paso:  npm run auditoria -- immuclient ${comillas(clave)}
`;
}
