import { Blob } from 'node:buffer';
import type { ActaPlaneada, Contadores, PlanSimulacro } from '@prep/simulacro';
import { jpegSintetico } from '@prep/imagenes';
import { FormData, type ClienteHttp } from './http';
import type { Persona } from './personal';

/**
 * The virtual staff: one async loop per person, acting as people do on the night. Acopiadores and
 * digitalizadores work through their CATD's queue; capturistas, verificadores and coordinadores
 * ask their inbox (GET /tareas/siguiente) and type or decide what the plan says the acta shows.
 */

export type { Contadores };

export const contadoresEnCero = (): Contadores => ({
  fotos: 0,
  acopiadas: 0,
  digitalizadas: 0,
  capturas: 0,
  decisiones: 0,
  abandonos: 0,
  publicadas: 0,
  sinActa: 0,
  cortes: 0,
});

/** A FIFO whose consumers wait for the next item; null once closed and empty. */
export class Cola<T> {
  private readonly items: T[] = [];
  private readonly esperando: ((x: T | null) => void)[] = [];
  private cerrada = false;

  meter(x: T): void {
    const w = this.esperando.shift();
    if (w) w(x);
    else this.items.push(x);
  }

  cerrar(): void {
    this.cerrada = true;
    for (const w of this.esperando.splice(0)) w(null);
  }

  get pendientes(): number {
    return this.items.length;
  }

  siguiente(): Promise<T | null> {
    if (this.items.length) return Promise.resolve(this.items.shift()!);
    if (this.cerrada) return Promise.resolve(null);
    return new Promise((r) => this.esperando.push(r));
  }
}

export interface Turno {
  http: ClienteHttp;
  plan: PlanSimulacro;
  indice: Map<string, ActaPlaneada>;
  contadores: Contadores;
  /** True once every acta is final or on Ctrl-C: loops finish their request and leave. */
  terminado(): boolean;
  /** Capture tasks already abandoned (clave#ronda#slot): each planned abandonment happens once. */
  abandonadas: Set<string>;
}

const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whatever went wrong was counted by the client; a person shrugs and goes on with the next acta. */
async function intentar(f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch {
    await dormir(100);
  }
}

function formaImagen(acta: ActaPlaneada, origen: 'CATD' | 'CASILLA'): () => FormData {
  return () => {
    const f = new FormData();
    const bytes = jpegSintetico({ etiqueta: `${acta.claveActa} ${origen}` });
    f.append('imagen', new Blob([bytes], { type: 'image/jpeg' }), 'acta.jpg');
    f.append('origen', origen);
    f.append('medio', origen === 'CATD' ? 'ESCANER' : 'MOVIL');
    f.append('completa', 'true');
    return f;
  };
}

/** A PREP Casilla device: photographs the acta at the casilla, then the paquete travels to its CATD. */
export async function dispositivoCasilla(t: Turno, p: Persona, fotos: Cola<ActaPlaneada>, acopio: Map<string, Cola<ActaPlaneada>>): Promise<void> {
  for (let a = await fotos.siguiente(); a && !t.terminado(); a = await fotos.siguiente()) {
    const acta = a;
    await intentar(async () => {
      await t.http.pedir('foto PREP Casilla', 'POST', `/actas/${acta.claveActa}/imagenes`, { token: p.token, form: formaImagen(acta, 'CASILLA') });
      t.contadores.fotos++;
    });
    acopio.get(acta.catd)!.meter(acta);
  }
}

export async function acopiador(t: Turno, p: Persona, cola: Cola<ActaPlaneada>, digitalizar: Cola<ActaPlaneada>): Promise<void> {
  for (let a = await cola.siguiente(); a && !t.terminado(); a = await cola.siguiente()) {
    const acta = a;
    await intentar(async () => {
      await t.http.pedir('acopio', 'POST', '/actas/acopio', { token: p.token, json: { claveActa: acta.claveActa, mecanismoTraslado: 'F' } });
      t.contadores.acopiadas++;
      digitalizar.meter(acta);
    });
  }
}

export async function digitalizador(t: Turno, p: Persona, cola: Cola<ActaPlaneada>): Promise<void> {
  for (let a = await cola.siguiente(); a && !t.terminado(); a = await cola.siguiente()) {
    const acta = a;
    await intentar(async () => {
      await t.http.pedir('escaneo CATD', 'POST', `/actas/${acta.claveActa}/imagenes`, { token: p.token, form: formaImagen(acta, 'CATD') });
      t.contadores.digitalizadas++;
    });
  }
}

interface TareaTomada {
  tarea: { id: string; claveActa: string; tipo: string; ronda: number; slot: number; leaseHasta: string };
}

/** Asks the inbox until there is work; waits longer after each empty answer (up to `maxEsperaMs`). */
async function tomar(t: Turno, p: Persona, tipo: string, accion: string, maxEsperaMs: number): Promise<TareaTomada['tarea'] | null> {
  let esperaMs = 150;
  while (!t.terminado()) {
    const r = await t.http.pedir<TareaTomada>(accion, 'GET', `/tareas/siguiente?tipo=${tipo}`, { token: p.token, esperados: [204] });
    if (r.status === 200) return r.cuerpo.tarea;
    await dormir(esperaMs);
    esperaMs = Math.min(maxEsperaMs, esperaMs * 2);
  }
  return null;
}

export async function capturista(t: Turno, p: Persona): Promise<void> {
  while (!t.terminado()) {
    await intentar(async () => {
      const tarea = await tomar(t, p, 'CAPTURA', 'tomar captura', 2_000);
      if (!tarea) return;
      const acta = t.indice.get(tarea.claveActa)!;
      const clave = `${tarea.claveActa}#${tarea.ronda}#${tarea.slot}`;
      if (acta.abandono?.ronda === tarea.ronda && acta.abandono.slot === tarea.slot && !t.abandonadas.has(clave)) {
        // Walks away from the desk: the task comes back to the queue when its lease runs out.
        t.abandonadas.add(clave);
        t.contadores.abandonos++;
        const hasta = Date.parse(tarea.leaseHasta) + 500;
        while (Date.now() < hasta && !t.terminado()) await dormir(Math.min(1_000, hasta - Date.now()));
        return;
      }
      const ronda = acta.rondas[tarea.ronda - 1] ?? acta.rondas.at(-1)!;
      await t.http.pedir('captura', 'POST', `/actas/${tarea.claveActa}/capturas`, { token: p.token, json: { valores: ronda.capturas[tarea.slot - 1] } });
      t.contadores.capturas++;
    });
  }
}

export async function verificador(t: Turno, p: Persona): Promise<void> {
  while (!t.terminado()) {
    await intentar(async () => {
      const tarea = await tomar(t, p, 'VERIFICACION', 'tomar verificación', 2_000);
      if (!tarea) return;
      const acta = t.indice.get(tarea.claveActa)!;
      const ronda = acta.rondas[tarea.ronda - 1] ?? acta.rondas.at(-1)!;
      const cuerpo =
        ronda.decision === 'DEVOLVER'
          ? { decision: 'DEVOLVER', motivo: 'La imagen no permite confirmar las cifras: nueva captura (simulacro).' }
          : ronda.decision === 'CORREGIR'
            ? { decision: 'CORREGIR', valores: Object.fromEntries(ronda.discrepancias.map((c) => [c, acta.verdad![c]])) }
            : { decision: 'CONFIRMAR' };
      await t.http.pedir('verificación', 'POST', `/actas/${tarea.claveActa}/verificacion`, { token: p.token, json: cuerpo });
      t.contadores.decisiones++;
    });
  }
}

/** A CATD coordinador decides the escalated actas of their CATD field by field, from the image. */
export async function coordinador(t: Turno, p: Persona): Promise<void> {
  while (!t.terminado()) {
    await intentar(async () => {
      const tarea = await tomar(t, p, 'DECISION_COORDINADOR', 'tomar decisión de coordinador', 3_000);
      if (!tarea) return;
      const acta = t.indice.get(tarea.claveActa)!;
      await t.http.pedir('decisión de coordinador', 'POST', `/actas/${tarea.claveActa}/verificacion`, {
        token: p.token,
        json: { decision: 'CORREGIR', valores: acta.verdad, motivo: 'Decisión del coordinador sobre el acta escalada, leída de la imagen (simulacro).' },
      });
      t.contadores.decisiones++;
    });
  }
}
