import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { accionesPersonalesProbadas, huellaClavePublica, type BitacoraImmudb } from '@prep/audit';
import { cargaVigente, LLAVE_BLOQUEO_CATALOGO, SIN_CATALOGO } from '@prep/catalogo';
import { compilacionDeReferencia, sha256 } from '@prep/compilacion';
import type { PrepConfig } from '@prep/config';
import { PuestaEnCerosRow, Usuario } from '@prep/persistence';
import { bundleDeWorkflows } from '@prep/workflows/paquete-workflows';
import { AuditoriaService } from '../auditoria/auditoria.service';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';
import { BitacoraService } from '../bitacora/bitacora.service';
import { ApiError } from '../common/api-error';
import { PREP_CONFIG } from '../config/config.module';
import type { Persona, PuestaEnCerosRegistrada, RegistroPuestaEnCeros } from './puesta-en-ceros.tipos';

const YA_REALIZADA = 'PUESTA_EN_CEROS_YA_REALIZADA';

/**
 * The puesta en ceros: in front of a notary and the ente auditor, the PREP shows that it holds no
 * results and which build it runs, and records both in the bitácora (PUESTA_EN_CEROS) and here.
 * From then on the catálogo is frozen (libs/catalogo, hayPuestaEnCeros) and the build it recorded is
 * the reference GET /auditoria/compilacion compares every later process with.
 */
@Injectable()
export class PuestaEnCerosService {
  constructor(
    private readonly em: EntityManager,
    private readonly bitacora: BitacoraService,
    private readonly bitacoraPersonal: BitacoraPersonalService,
    private readonly auditoria: AuditoriaService,
    @Inject(PREP_CONFIG) private readonly cfg: PrepConfig,
  ) {}

  async realizar(administrador: string, testigoAuditor: string, notario: string | null): Promise<PuestaEnCerosRegistrada> {
    const bitacora = await this.bitacora.conectar();
    // Built before the transaction (≈ 2 s): the lock below is held only for the checks and writes.
    const compilacion = compilacionDeReferencia(sha256((await bundleDeWorkflows()).code), { commitDeEntorno: this.cfg.PREP_GIT_COMMIT });
    return this.em.fork().transactional(async (tx) => {
      // The catálogo load's lock: a load and the puesta en ceros never overlap.
      await tx.execute(`select pg_advisory_xact_lock(${LLAVE_BLOQUEO_CATALOGO})`);
      await this.exigirNoRealizada(tx, bitacora);
      const carga = await cargaVigente(tx);
      if (!carga) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          SIN_CATALOGO,
          'No hay catálogo cargado: cargue el catálogo definitivo (POST /catalogo) antes de la puesta en ceros.',
        );
      }
      const conteos = await this.conteos(tx, bitacora);
      this.exigirVacio(conteos);
      const testigo = await this.testigo(tx, testigoAuditor);
      const admin = await tx.findOneOrFail(Usuario, { nombreUsuario: administrador });
      const realizadaEn = new Date();
      const registro: RegistroPuestaEnCeros = {
        realizadaEn: realizadaEn.toISOString(),
        administrador: { nombreUsuario: admin.nombreUsuario, nombreCompleto: admin.nombreCompleto },
        testigoAuditor: testigo,
        notario,
        catalogo: { sha256: carga.sha256, version: carga.version ?? null, totalCasillas: carga.totalCasillas, totalActasEsperadas: carga.totalActasEsperadas },
        conteos,
        bitacora: await this.estadoFirmado(),
        compilacion,
      };
      const fila = tx.create(PuestaEnCerosRow, {
        id: 1,
        realizadaEn,
        administrador,
        testigoAuditor: testigo.nombreUsuario,
        notario,
        registro: registro as unknown as Record<string, unknown>,
        bitacoraClave: '',
      });
      await tx.flush();
      // Last step before commit: if immudb does not take the record, nothing happened (503).
      const escrita = await this.bitacoraPersonal.registrar('PUESTA_EN_CEROS', administrador, registro as unknown as Record<string, unknown>);
      fila.bitacoraClave = escrita.key;
      fila.bitacoraTx = escrita.txId === null ? null : String(escrita.txId);
      await tx.flush();
      return { registro, bitacoraClave: escrita.key, bitacoraTx: escrita.txId };
    });
  }

  async obtener(): Promise<PuestaEnCerosRegistrada> {
    const fila = await this.em.fork().findOne(PuestaEnCerosRow, { id: 1 });
    if (!fila) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'PUESTA_EN_CEROS_PENDIENTE',
        'Aún no se ha realizado la puesta en ceros: un administrador la registra con POST /puesta-en-ceros ante el notario y el ente auditor.',
      );
    }
    return {
      registro: fila.registro as unknown as RegistroPuestaEnCeros,
      bitacoraClave: fila.bitacoraClave,
      bitacoraTx: fila.bitacoraTx === null || fila.bitacoraTx === undefined ? null : Number(fila.bitacoraTx),
    };
  }

  /** Refused if PostgreSQL or the bitácora already has one (a new read model does not make a second one valid). */
  private async exigirNoRealizada(tx: EntityManager, bitacora: BitacoraImmudb): Promise<void> {
    const fila = await tx.findOne(PuestaEnCerosRow, { id: 1 });
    if (fila) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        YA_REALIZADA,
        `La puesta en ceros ya se realizó el ${fila.realizadaEn.toISOString()} (bitácora ${fila.bitacoraClave}); solo se hace una vez. Consulte su acta en GET /puesta-en-ceros/acta.html.`,
      );
    }
    const { txId } = await bitacora.currentServerState();
    const [previa] = await accionesPersonalesProbadas(bitacora, ['PUESTA_EN_CEROS'], { sinceTx: txId });
    if (previa) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        YA_REALIZADA,
        `La bitácora ya registra una puesta en ceros (${previa.key}), aunque la base de datos no la tiene; solo se hace una vez. Revise con el ente auditor qué pasó con la base de datos.`,
      );
    }
  }

  private async conteos(tx: EntityManager, bitacora: BitacoraImmudb): Promise<RegistroPuestaEnCeros['conteos']> {
    const contar = async (tabla: string) => Number((await tx.execute<{ n: string }[]>(`select count(*) as n from "${tabla}"`))[0].n);
    return {
      actas: await contar('acta'),
      tareas: await contar('tarea'),
      // Any corte row (published, in course or stopped) means publication has already begun.
      cortes: await contar('corte'),
      entradasActaEnBitacora: (await bitacora.scan('acta/', { limit: 1 })).length,
    };
  }

  private exigirVacio(c: RegistroPuestaEnCeros['conteos']): void {
    const hay = [
      c.actas > 0 && `${c.actas} acta(s) en la base de datos`,
      c.tareas > 0 && `${c.tareas} tarea(s)`,
      c.cortes > 0 && `${c.cortes} corte(s)`,
      c.entradasActaEnBitacora > 0 && 'entradas de actas en la bitácora',
    ].filter(Boolean);
    if (hay.length > 0) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'SISTEMA_NO_VACIO',
        `No se puede hacer la puesta en ceros: el sistema no está vacío (${hay.join('; ')}). Se hace antes de la primera acta; ` +
          'para repetir un simulacro use una instalación con bases de datos nuevas.',
      );
    }
  }

  private async testigo(tx: EntityManager, nombreUsuario: string): Promise<Persona> {
    const u = await tx.findOne(Usuario, { nombreUsuario });
    if (!u || !u.activo || !u.roles.includes('auditor')) {
      const porque = !u ? 'no existe' : !u.activo ? 'está desactivada' : 'no tiene el rol auditor';
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'TESTIGO_AUDITOR_NO_VALIDO',
        `testigoAuditor debe ser la cuenta activa, con rol auditor, de quien atestigua por el ente auditor; la cuenta '${nombreUsuario}' ${porque}.`,
      );
    }
    return { nombreUsuario: u.nombreUsuario, nombreCompleto: u.nombreCompleto };
  }

  /** The signed state, proven against this API's trusted state; refused unless signed and valid. */
  private async estadoFirmado(): Promise<RegistroPuestaEnCeros['bitacora']> {
    const e = await this.auditoria.estado();
    const v = e.verificacionFirma;
    if (!e.firma || !v.firmaValida || v.claveEsperada === false) {
      const porque = !e.firma
        ? 'immudb no firma su estado (arránquelo con su clave de firma, --signingKey)'
        : !v.firmaValida
          ? 'la firma del estado de immudb no es válida'
          : 'immudb firma con una clave distinta de la esperada (IMMUDB_CLAVE_PUBLICA)';
      throw new ApiError(HttpStatus.CONFLICT, 'BITACORA_SIN_FIRMA_VALIDA', `No se puede hacer la puesta en ceros: ${porque}.`);
    }
    return {
      baseDeDatos: e.baseDeDatos,
      txId: e.txId,
      txHash: e.txHash,
      firma: e.firma.signature,
      clavePublica: e.firma.publicKey,
      huellaClavePublica: huellaClavePublica(e.firma.publicKey),
      claveEsperada: v.claveEsperada,
    };
  }
}
