/**
 * catalogo.json: the catálogo's small lists (entidad, distritos, municipios, catds, elecciones)
 * and, optionally, the casillas inline. Reading checks the JSON syntax and the shape (objects where
 * objects go, no unknown keys, storage lengths) and copies each item with only its known keys, in
 * a fixed order; the values themselves are judged by the domain's validarCatalogo.
 */
import type { Casilla, Catalogo, Catd, Distrito, Eleccion, Entidad, Municipio } from '@prep/domain';
import { ARCHIVO_JSON, ErrorArchivo, recibido } from './errores-archivo';
import { LIMITES } from './limites';

/** The catálogo without its casillas: what catalogo_carga.documento keeps. */
export type DocumentoCatalogo = Omit<Catalogo, 'casillas' | 'version'> & { version: string | null };

export interface CatalogoJsonLeido {
  documento?: DocumentoCatalogo;
  /** Present only when catalogo.json carries `casillas`. */
  casillas?: Casilla[];
  errores: ErrorArchivo[];
}

const CLAVES_RAIZ = ['version', 'entidad', 'distritos', 'municipios', 'catds', 'elecciones', 'casillas'] as const;
const CLAVES_ENTIDAD = ['id', 'nombre'] as const;
const CLAVES_DISTRITO = ['id', 'nombre'] as const;
const CLAVES_CATD = ['id', 'nombre', 'tipo', 'idDistrito', 'idMunicipio'] as const;
const CLAVES_ELECCION = ['tipoActa', 'nombre', 'ambito', 'columnasVoto'] as const;
const CLAVES_CASILLA = [
  'seccion',
  'tipo',
  'idCasilla',
  'extContigua',
  'ubicacion',
  'listaNominal',
  'representantes',
  'idDistritoLocal',
  'idMunicipio',
  'catd',
] as const;

type Objeto = Record<string, unknown>;

function esObjeto(x: unknown): x is Objeto {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** V8's JSON.parse messages in Spanish; the original stays in parentheses for anything unmapped. */
const SINTAXIS: [RegExp, string][] = [
  [/Unexpected end of JSON input/, 'el archivo termina antes de cerrar todas las llaves y corchetes'],
  [/Expected ',' or '}' after property value/, "falta una coma o '}' después de un valor"],
  [/Expected ',' or ']' after array element/, "falta una coma o ']' después de un elemento de la lista"],
  [/Expected ':' after property name/, "falta ':' después del nombre de una propiedad"],
  [
    /Expected double-quoted property name|Expected property name or '}'/,
    "se esperaba el nombre de una propiedad entre comillas dobles (¿una coma de más antes de '}' o comillas simples?)",
  ],
  [/Unterminated string/, 'un texto entre comillas no se cierra'],
  [/Bad control character in string literal/, 'un texto contiene un carácter de control (¿un salto de línea sin escapar?)'],
  [/Unexpected non-whitespace character after JSON/, 'hay contenido después del final del JSON'],
  [/Unexpected token/, 'carácter inesperado'],
];

function errorDeSintaxis(texto: string, e: SyntaxError): ErrorArchivo {
  const traducido = SINTAXIS.find(([re]) => re.test(e.message))?.[1];
  const motivo = traducido ? `el JSON no es válido: ${traducido}.` : `el JSON no es válido (${e.message}).`;
  const pos = /at position (\d+)/.exec(e.message);
  if (!pos) {
    return { archivo: ARCHIVO_JSON, linea: /end of JSON input/.test(e.message) ? texto.split('\n').length : undefined, mensaje: motivo };
  }
  const antes = texto.slice(0, Number(pos[1]));
  const linea = antes.split('\n').length;
  const columna = antes.length - antes.lastIndexOf('\n');
  return { archivo: ARCHIVO_JSON, linea, columna, mensaje: motivo };
}

/** Shape checks over one JSON document; every problem is collected, none thrown. */
class Lector {
  readonly errores: ErrorArchivo[] = [];

  error(ubicacion: string, mensaje: string): void {
    this.errores.push({ archivo: ARCHIVO_JSON, ubicacion, mensaje });
  }

  /** The object at `ubicacion` with only the known keys (in their order), or undefined. */
  objeto<K extends string>(x: unknown, ubicacion: string, claves: readonly K[]): Record<K, unknown> | undefined {
    if (!esObjeto(x)) {
      this.error(ubicacion, `debe ser un objeto {…} (se recibió ${describir(x)}).`);
      return undefined;
    }
    const desconocidas = Object.keys(x).filter((k) => !(claves as readonly string[]).includes(k));
    if (desconocidas.length) {
      this.error(ubicacion, `propiedad desconocida ${desconocidas.map((k) => recibido(k)).join(', ')}; se admiten: ${claves.join(', ')}.`);
    }
    return Object.fromEntries(claves.map((k) => [k, x[k]])) as Record<K, unknown>;
  }

  lista<T>(x: unknown, nombre: string, item: (o: unknown, ubicacion: string) => T | undefined): T[] | undefined {
    if (!Array.isArray(x)) {
      this.error(nombre, `debe ser una lista […] (se recibió ${describir(x)}).`);
      return undefined;
    }
    const salida: T[] = [];
    x.forEach((o, i) => {
      const t = item(o, `${nombre} #${i + 1}`);
      if (t !== undefined) salida.push(t);
    });
    // One badly shaped item fails the list: the domain's checks only ever see a well-shaped documento.
    return salida.length === x.length ? salida : undefined;
  }

  largo(valor: unknown, max: number, ubicacion: string, que: string): void {
    if (typeof valor === 'string' && valor.length > max) this.error(ubicacion, `${que} admite a lo más ${max} caracteres (tiene ${valor.length}).`);
  }
}

function describir(x: unknown): string {
  if (x === undefined) return 'nada';
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'una lista';
  if (typeof x === 'object') return 'un objeto';
  return recibido(String(x));
}

export function leerCatalogoJson(texto: string): CatalogoJsonLeido {
  let raiz: unknown;
  try {
    raiz = JSON.parse(texto);
  } catch (e) {
    if (e instanceof SyntaxError) return { errores: [errorDeSintaxis(texto, e)] };
    throw e;
  }
  const l = new Lector();
  const r = l.objeto(raiz, 'raíz', CLAVES_RAIZ);
  if (!r) return { errores: l.errores };

  if (r.version !== undefined && r.version !== null && typeof r.version !== 'string') {
    l.error('version', `debe ser texto (se recibió ${describir(r.version)}).`);
  }
  l.largo(r.version, LIMITES.version, 'version', 'la versión');

  const entidad = l.objeto(r.entidad, 'entidad', CLAVES_ENTIDAD) as Entidad | undefined;
  const distritos = l.lista(r.distritos, 'distritos', (o, u) => l.objeto(o, u, CLAVES_DISTRITO) as Distrito | undefined);
  const municipios = l.lista(r.municipios, 'municipios', (o, u) => l.objeto(o, u, CLAVES_DISTRITO) as Municipio | undefined);
  const catds = l.lista(r.catds, 'catds', (o, u) => {
    const c = l.objeto(o, u, CLAVES_CATD);
    if (!c) return undefined;
    l.largo(c.id, LIMITES.idCatd, u, 'el id del CATD');
    l.largo(c.nombre, LIMITES.nombre, u, 'el nombre del CATD');
    // Absent and null mean the same ("no distrito"): one canonical spelling keeps the SHA-256 stable.
    return { ...c, idDistrito: c.idDistrito ?? null, idMunicipio: c.idMunicipio ?? null } as Catd;
  });
  const elecciones = l.lista(r.elecciones, 'elecciones', (o, u) => {
    const e = l.objeto(o, u, CLAVES_ELECCION);
    if (e) l.largo(e.nombre, LIMITES.nombre, u, 'el nombre de la elección');
    return e as Eleccion | undefined;
  });
  let casillas: Casilla[] | undefined;
  if (r.casillas !== undefined) {
    casillas = l.lista(r.casillas, 'casillas', (o, u) => {
      const c = l.objeto(o, u, CLAVES_CASILLA);
      if (c) {
        l.largo(c.ubicacion, LIMITES.ubicacion, u, 'la ubicación');
        l.largo(c.catd, LIMITES.idCatd, u, 'el CATD');
      }
      return c as Casilla | undefined;
    });
  }

  if (l.errores.length || !entidad || !distritos || !municipios || !catds || !elecciones) return { errores: l.errores };
  const documento: DocumentoCatalogo = {
    version: typeof r.version === 'string' ? r.version : null,
    entidad,
    distritos,
    municipios,
    catds,
    elecciones,
  };
  return { documento, casillas, errores: [] };
}
