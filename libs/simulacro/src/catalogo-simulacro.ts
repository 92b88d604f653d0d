import { generarCatalogo, type Catalogo } from '@prep/domain';

export interface OpcionesCatalogoSimulacro {
  /** Actas wanted: the catálogo has ceil(actas / 2) casillas × 2 elections. */
  actas: number;
  /** CATD in the catálogo (a quarter of them distritales, at least one). */
  catds: number;
  semilla: number | string;
  /** 14 (Jalisco) by default; tests that share a Temporal namespace each use their own. */
  idEntidad?: number;
}

/**
 * A synthetic catálogo sized for a drill: generarCatalogo with the casillas and CATD asked for,
 * plus at least one casilla especial (S), which the real catálogo always has and a small sample
 * may miss — its ceiling (topeCasillaEspecial) is a rule the drill must exercise.
 */
export function catalogoDelSimulacro({ actas, catds, semilla, idEntidad = 14 }: OpcionesCatalogoSimulacro): Catalogo {
  if (!Number.isInteger(actas) || actas < 2) throw new Error(`El simulacro necesita al menos 2 actas (se pidieron ${actas}).`);
  if (!Number.isInteger(catds) || catds < 1) throw new Error(`El simulacro necesita al menos 1 CATD (se pidieron ${catds}).`);
  const casillas = Math.ceil(actas / 2);
  if (catds > casillas) throw new Error(`Hay más CATD (${catds}) que casillas (${casillas}): pida menos CATD o más actas.`);
  const distritos = Math.max(1, Math.floor(catds / 4));
  const catdsMunicipales = catds - distritos;
  // Municipios without a CATD of their own deliver to their distrital CATD, as in Jalisco.
  const municipios = Math.min(casillas, catdsMunicipales + distritos);
  const catalogo = generarCatalogo({
    semilla,
    casillas,
    distritos,
    municipios,
    catdsMunicipales: Math.min(catdsMunicipales, municipios),
    idEntidad,
    nombreEntidad: idEntidad === 14 ? 'JALISCO' : `ENTIDAD ${idEntidad}`,
  });
  catalogo.version = `simulacro-${String(semilla)}-${casillas}`;
  if (!catalogo.casillas.some((c) => c.tipo === 'S')) {
    // The last casilla becomes its sección's casilla especial (no other S exists, so its clave is new).
    const i = catalogo.casillas.length - 1;
    catalogo.casillas[i] = { ...catalogo.casillas[i], tipo: 'S', idCasilla: 1, extContigua: 0, listaNominal: 0 };
  }
  return catalogo;
}
