import {
  aplicarComando,
  contextoDeActa,
  DEFAULT_POLITICA_PREP,
  generarCaptura,
  type ActaDelCatalogo,
  type ComandoActa,
  type EstadoActa,
  type EventoActa,
} from '@prep/domain';

/** One acta driven through the real machine to PUBLICADA: acopio, a scan, two equal captures, CONFIRMAR. */
export function flujoPublicado(clave: string, acta: ActaDelCatalogo, imagen: { sha256: string; ruta: string }): { estado: EstadoActa; eventos: EventoActa[] } {
  const ctx = contextoDeActa(acta, DEFAULT_POLITICA_PREP);
  const t = (s: number) => new Date(Date.UTC(2027, 5, 6, 20, 0, s)).toISOString();
  const datos = generarCaptura(clave, acta.casilla, acta.eleccion.columnasVoto);
  const comandos: ComandoActa[] = [
    { tipo: 'ACOPIO', claveActa: clave, catd: acta.casilla.catd, usuario: 'bench.aco', fechaHora: t(0), mecanismoTraslado: 'F', fueraDeCatalogo: false },
    {
      tipo: 'DIGITALIZACION',
      usuario: 'bench.dig',
      fechaHora: t(1),
      sha256: imagen.sha256,
      origen: 'CATD',
      medio: 'ESCANER',
      ruta: imagen.ruta,
      catd: acta.casilla.catd,
    },
    { tipo: 'CAPTURA', usuario: 'bench.c1', fechaHora: t(2), valores: datos },
    { tipo: 'CAPTURA', usuario: 'bench.c2', fechaHora: t(3), valores: datos },
    { tipo: 'VERIFICACION', usuario: 'bench.ver', fechaHora: t(4), decision: 'CONFIRMAR' },
  ];
  let estado: EstadoActa | null = null;
  const eventos: EventoActa[] = [];
  for (const c of comandos) {
    const r = aplicarComando(estado, c, ctx);
    estado = r.estado;
    eventos.push(...r.eventos);
  }
  return { estado: estado!, eventos };
}
