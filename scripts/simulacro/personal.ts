import { randomBytes } from 'node:crypto';
import type { ClienteHttp } from './http';

/** One virtual person of the drill: an account created by the administrador, logged in with its own token. */
export interface Persona {
  usuario: string;
  roles: string[];
  catd: string | null;
  token: string;
}

export interface Plantilla {
  acopiadores: Map<string, Persona>;
  digitalizadores: Map<string, Persona>;
  coordinadores: Map<string, Persona>;
  capturistas: Persona[];
  verificadores: Persona[];
  dispositivos: Persona[];
  auditor: Persona;
  /** Reads the COTAPREP reports for the informe at the end, as the committee would. */
  cotaprep: Persona;
}

export interface TamanoPlantilla {
  catds: readonly string[];
  capturistas: number;
  verificadores: number;
  dispositivos: number;
}

/**
 * Staff sized to the rhythm: capture is the slow step (two per acta), so capturistas grow with it;
 * one verificador per three capturistas; CATD roles one each per CATD with actas; PREP Casilla
 * devices enough that photos do not wait for a free phone.
 */
export function tamanoPlantilla(catds: readonly string[], ritmo: number): TamanoPlantilla {
  const capturistas = Math.max(6, Math.min(24, Math.ceil(ritmo / 15)));
  // Every casilla has its phone: devices must not queue photos, so they grow with the rhythm too.
  const dispositivos = Math.max(2, Math.min(16, Math.ceil(ritmo / 30)));
  return { catds, capturistas, verificadores: Math.max(3, Math.ceil(capturistas / 3)), dispositivos };
}

const EN_PARALELO = 6;

/**
 * Creates every account through POST /usuarios as the administrador, then logs each in with
 * POST /auth/login (each login is a SESION_INICIADA in the bitácora, as on the night).
 */
export async function crearPlantilla(http: ClienteHttp, tokenAdmin: string, t: TamanoPlantilla, prefijo = 'sim'): Promise<Plantilla> {
  const catdCcv = t.catds[0];
  const pedidas: { usuario: string; roles: string[]; catd: string | null }[] = [];
  const dos = (n: number) => String(n).padStart(2, '0');
  for (const catd of t.catds) {
    const c = catd.toLowerCase();
    pedidas.push({ usuario: `${prefijo}.acopio.${c}`, roles: ['acopiador'], catd });
    pedidas.push({ usuario: `${prefijo}.digital.${c}`, roles: ['digitalizador'], catd });
    pedidas.push({ usuario: `${prefijo}.coord.${c}`, roles: ['coordinador'], catd });
  }
  // Capture and verification staff sit in one CCV; their inbox is not bound to a CATD.
  for (let i = 1; i <= t.capturistas; i++) pedidas.push({ usuario: `${prefijo}.captura.${dos(i)}`, roles: ['capturista'], catd: catdCcv });
  for (let i = 1; i <= t.verificadores; i++) pedidas.push({ usuario: `${prefijo}.verifica.${dos(i)}`, roles: ['verificador'], catd: catdCcv });
  for (let i = 1; i <= t.dispositivos; i++) pedidas.push({ usuario: `${prefijo}.casilla.${dos(i)}`, roles: ['prep_casilla'], catd: null });
  pedidas.push({ usuario: `${prefijo}.auditor`, roles: ['auditor'], catd: null });
  pedidas.push({ usuario: `${prefijo}.cotaprep`, roles: ['cotaprep'], catd: null });

  const personas: Persona[] = [];
  for (let i = 0; i < pedidas.length; i += EN_PARALELO) {
    const lote = await Promise.all(
      pedidas.slice(i, i + EN_PARALELO).map(async (p) => {
        const contrasena = randomBytes(15).toString('base64url');
        await http.pedir('crear usuario', 'POST', '/usuarios', {
          token: tokenAdmin,
          json: { nombreUsuario: p.usuario, nombreCompleto: `Persona del simulacro ${p.usuario}`, contrasena, roles: p.roles, catd: p.catd },
        });
        const r = await http.pedir<{ token: string }>('login', 'POST', '/auth/login', { json: { usuario: p.usuario, contrasena } });
        return { ...p, token: r.cuerpo.token };
      }),
    );
    personas.push(...lote);
  }
  const de = (rol: string) => personas.filter((p) => p.roles.includes(rol));
  const porCatd = (rol: string) => new Map(de(rol).map((p) => [p.catd!, p]));
  return {
    acopiadores: porCatd('acopiador'),
    digitalizadores: porCatd('digitalizador'),
    coordinadores: porCatd('coordinador'),
    capturistas: de('capturista'),
    verificadores: de('verificador'),
    dispositivos: de('prep_casilla'),
    auditor: de('auditor')[0],
    cotaprep: de('cotaprep')[0],
  };
}

export function contarPlantilla(p: Plantilla): Record<string, number> {
  return {
    acopiadores: p.acopiadores.size,
    digitalizadores: p.digitalizadores.size,
    coordinadores: p.coordinadores.size,
    capturistas: p.capturistas.length,
    verificadores: p.verificadores.length,
    dispositivosPrepCasilla: p.dispositivos.length,
    auditores: 1,
    cotaprep: 1,
  };
}
