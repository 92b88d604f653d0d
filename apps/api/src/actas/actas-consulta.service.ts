import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { camposDeActa, type EstadoActa } from '@prep/domain';
import { ActaRow, EleccionRow, type Rol } from '@prep/persistence';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { ApiError } from '../common/api-error';

const VEN_CAPTURAS: Rol[] = ['verificador', 'coordinador', 'auditor', 'administrador'];
const VEN_TODOS_LOS_CATD: Rol[] = ['administrador', 'auditor', 'operador', 'cotaprep', 'verificador', 'capturista'];

/** Whether the caller reads every CATD; otherwise (a coordinador, CATD staff) only their own `usuario.catd`. */
export function veTodosLosCatd(usuario: UsuarioAutenticado): boolean {
  return usuario.roles.some((r) => VEN_TODOS_LOS_CATD.includes(r));
}

export interface FiltroActas {
  fase?: string;
  catd?: string;
  tipoActa?: string;
  atorada?: boolean;
  pagina: number;
  porPagina: number;
}

/** Reads of the acta read model, shaped by what the caller's role may see. */
@Injectable()
export class ActasConsultaService {
  constructor(private readonly em: EntityManager) {}

  async detalle(claveActa: string, usuario: UsuarioAutenticado) {
    const em = this.em.fork();
    const acta = await em.findOne(ActaRow, { claveActa });
    if (!acta)
      throw new ApiError(HttpStatus.NOT_FOUND, 'ACTA_NO_ENCONTRADA', `No hay registro del acta ${claveActa}: no ha sido acopiada o la clave es incorrecta.`);
    this.exigirAlcance(usuario, acta.catd ?? null);
    const estado = acta.estado as unknown as EstadoActa | null;
    const eleccion = await em.findOne(EleccionRow, { tipoActa: acta.tipoActa });
    // Both captures of a round become visible only once both are in: the second capturista never
    // sees the first, even if the same person also holds a verificador role.
    const capturasVisibles = usuario.roles.some((r) => VEN_CAPTURAS.includes(r)) && acta.fase !== 'EN_CAPTURA';
    return {
      claveActa: acta.claveActa,
      claveCasilla: acta.claveCasilla,
      tipoActa: acta.tipoActa,
      catd: acta.catd,
      fase: acta.fase,
      fueraDeCatalogo: acta.fueraDeCatalogo,
      atorada: acta.atorada,
      atoradaDesde: acta.atoradaDesde ?? null,
      ronda: acta.ronda,
      entradasBitacora: acta.secuencia,
      campos: eleccion && !acta.fueraDeCatalogo ? camposDeActa(eleccion.columnasVoto) : [],
      fechaHoraAcopio: acta.fechaHoraAcopio ?? null,
      fechaHoraCaptura: acta.fechaHoraCaptura ?? null,
      fechaHoraVerificacion: acta.fechaHoraVerificacion ?? null,
      fechaHoraPublicacion: acta.fechaHoraPublicacion ?? null,
      acopio: estado?.acopio ?? null,
      // Rows projected before corrections existed have no such list.
      correccionesCatd: estado?.correccionesCatd ?? [],
      imagenes: (estado?.imagenes ?? []).map((i) => ({
        sha256: i.sha256,
        origen: i.origen,
        medio: i.medio,
        completa: i.completa,
        ancho: i.ancho ?? null,
        alto: i.alto ?? null,
        paginas: i.paginas ?? null,
        fechaHora: i.fechaHora,
        url: `/actas/${acta.claveActa}/imagenes/${i.sha256}`,
      })),
      capturasRegistradas: estado?.capturas.length ?? 0,
      capturas: capturasVisibles ? (estado?.capturas ?? []) : undefined,
      modoVerificacion: capturasVisibles ? (estado?.modoVerificacion ?? null) : undefined,
      discrepancias: capturasVisibles ? (estado?.discrepancias ?? []) : undefined,
      historial: capturasVisibles ? (estado?.historial ?? []) : undefined,
      verificacion: estado?.verificacion ?? null,
      escalamiento: estado?.escalamiento ?? null,
      resultado:
        acta.fase === 'PUBLICADA' || acta.fase === 'SIN_ACTA'
          ? {
              contabilizada: acta.contabilizada,
              totalVotosCalculado: acta.totalVotosCalculado ?? null,
              observaciones: acta.observaciones ?? null,
              imagenSha256: acta.imagenSha256 ?? null,
              datos: estado?.resultado?.datos ?? null,
            }
          : null,
    };
  }

  async listar(f: FiltroActas, usuario: UsuarioAutenticado) {
    const where: Record<string, unknown> = {};
    if (f.fase) where.fase = f.fase;
    if (f.tipoActa) where.tipoActa = f.tipoActa;
    if (f.atorada !== undefined) where.atorada = f.atorada;
    const soloSuCatd = !veTodosLosCatd(usuario);
    if (soloSuCatd) {
      if (f.catd && f.catd !== usuario.catd) this.exigirAlcance(usuario, f.catd);
      where.catd = usuario.catd;
    } else if (f.catd) where.catd = f.catd;
    const [filas, total] = await this.em.fork().findAndCount(ActaRow, where, {
      orderBy: { claveActa: 'asc' },
      limit: f.porPagina,
      offset: (f.pagina - 1) * f.porPagina,
      fields: [
        'claveActa',
        'tipoActa',
        'catd',
        'fase',
        'fueraDeCatalogo',
        'atorada',
        'atoradaDesde',
        'ronda',
        'contabilizada',
        'observaciones',
        'actualizadaEn',
      ],
    });
    return {
      total,
      pagina: f.pagina,
      porPagina: f.porPagina,
      actas: filas.map((a) => ({
        claveActa: a.claveActa,
        tipoActa: a.tipoActa,
        catd: a.catd,
        fase: a.fase,
        fueraDeCatalogo: a.fueraDeCatalogo,
        atorada: a.atorada,
        atoradaDesde: a.atoradaDesde ?? null,
        ronda: a.ronda,
        contabilizada: a.contabilizada ?? null,
        observaciones: a.observaciones ?? null,
        actualizadaEn: a.actualizadaEn,
      })),
    };
  }

  /** Storage path of one of the acta's images, after checking the caller may see the acta. */
  async rutaDeImagen(claveActa: string, sha256: string, usuario: UsuarioAutenticado): Promise<string> {
    const acta = await this.em.fork().findOne(ActaRow, { claveActa }, { fields: ['claveActa', 'catd', 'estado'] });
    if (acta) this.exigirAlcance(usuario, acta.catd ?? null);
    const imagen = (acta?.estado as unknown as EstadoActa | null)?.imagenes.find((i) => i.sha256 === sha256);
    if (!imagen) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'IMAGEN_NO_ENCONTRADA', `El acta ${claveActa} no tiene una imagen con ese SHA-256.`);
    }
    return imagen.ruta;
  }

  /** 403 unless the caller may act on this acta's CATD (404 when there is no such acta); no read for roles that see every CATD. */
  async exigirAlcanceDeActa(usuario: UsuarioAutenticado, claveActa: string): Promise<void> {
    if (veTodosLosCatd(usuario)) return;
    const acta = await this.em.fork().findOne(ActaRow, { claveActa }, { fields: ['claveActa', 'catd'] });
    if (!acta)
      throw new ApiError(HttpStatus.NOT_FOUND, 'ACTA_NO_ENCONTRADA', `No hay registro del acta ${claveActa}: no ha sido acopiada o la clave es incorrecta.`);
    this.exigirAlcance(usuario, acta.catd ?? null);
  }

  /** A coordinador (or any CATD-bound role) sees only their own CATD. */
  exigirAlcance(usuario: UsuarioAutenticado, catd: string | null): void {
    if (veTodosLosCatd(usuario)) return;
    if (usuario.catd && catd === usuario.catd) return;
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'FUERA_DE_SU_CATD',
      `Esta acta pertenece al CATD ${catd ?? '(sin CATD)'}; solo puede consultar actas de su CATD (${usuario.catd ?? 'ninguno'}).`,
    );
  }
}
