import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { entradaEventoActa, type EventoSinActa } from '@prep/audit';
import { columnasSinActa, parseClaveActa, sinActa } from '@prep/domain';
import { CatalogoService } from '../catalogo/catalogo.service';
import { BitacoraPersonalService } from '../ledger/bitacora-personal.service';
import { LedgerService } from '../ledger/ledger.service';

export const MOTIVO_POR_OMISION = 'PAQUETE NO ENTREGADO';
const LOTE = 500;

export interface ResultadoCierre {
  actasEsperadas: number;
  registradas: number;
  publicadasSinActa: number;
}

/**
 * Operation close (DOMAIN.md step 6): every acta esperada that never arrived is
 * published as SIN ACTA with its reason — ledger first, then the read model.
 * Re-running it is harmless: actas already present are skipped.
 */
@Injectable()
export class CierreService {
  private readonly logger = new Logger('cierre');

  constructor(
    private readonly em: EntityManager,
    private readonly catalogo: CatalogoService,
    private readonly ledger: LedgerService,
    private readonly bitacora: BitacoraPersonalService,
  ) {}

  async cerrar(usuario: string, motivos: Record<string, string>, motivoPorOmision = MOTIVO_POR_OMISION): Promise<ResultadoCierre> {
    const ledger = await this.ledger.get();
    const em = this.em.fork();
    const fechaHora = new Date().toISOString();
    let esperadas = 0;
    let publicadas = 0;
    let lote: string[] = [];
    const procesar = async () => {
      const presentes = await em.execute<{ clave_acta: string }[]>('select clave_acta from acta where clave_acta = any(?::text[])', [`{${lote.join(',')}}`]);
      const hay = new Set(presentes.map((r) => r.clave_acta));
      for (const claveActa of lote.filter((c) => !hay.has(c))) {
        const motivo = (motivos[claveActa] ?? motivoPorOmision).trim().toUpperCase();
        const observaciones = sinActa(motivo);
        const evento: EventoSinActa = {
          tipo: 'ACTA_SIN_ACTA', claveActa, secuencia: 1, faseAnterior: null, faseNueva: 'SIN_ACTA', usuario, fechaHora,
          datos: { motivo, observaciones, contabilizada: 0 },
        };
        const { key, value } = entradaEventoActa(evento);
        const previa = await ledger.verifiedGetSiExiste(key);
        if (!previa) await ledger.verifiedSet(key, value);
        const { claveCasilla, tipoActa } = parseClaveActa(claveActa);
        const c = columnasSinActa(observaciones, fechaHora);
        const insertadas = await em.execute<{ clave_acta: string }[]>(
          `insert into acta (clave_acta, clave_casilla, tipo_acta, catd, fase, fuera_de_catalogo, secuencia, ronda, estado, contabilizada, observaciones, fecha_hora_publicacion)
           values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)
           on conflict (clave_acta) do nothing returning clave_acta`,
          [claveActa, claveCasilla, tipoActa, c.catd, c.fase, c.fueraDeCatalogo, c.secuencia, c.ronda, c.contabilizada, c.observaciones, c.fechaHoraPublicacion],
        );
        publicadas += insertadas.length;
      }
      lote = [];
      this.logger.log(`cierre: ${esperadas} actas revisadas, ${publicadas} publicadas como SIN ACTA`);
    };
    for await (const clave of this.catalogo.clavesActasEsperadas()) {
      esperadas++;
      lote.push(clave);
      if (lote.length >= LOTE) await procesar();
    }
    if (lote.length > 0) await procesar();
    const resultado = { actasEsperadas: esperadas, registradas: esperadas - publicadas, publicadasSinActa: publicadas };
    await this.bitacora.registrar('OPERACION_CERRADA', usuario, { ...resultado, motivoPorOmision });
    return resultado;
  }
}
