import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { PrepConfig } from '@prep/config';
import { dirCortes, nombreZipCorte } from '@prep/cortes';
import type { EstadoActa } from '@prep/domain';
import { ApiError } from '../common/api-error';
import { PREP_CONFIG } from '../config/config.module';

export interface CortePublico {
  numero: number;
  instante: string;
  txId: number;
  actas: number;
  final: boolean;
  manifiestoSha256: string;
  zipSha256: string;
  zip: string;
  manifiesto: string;
}

interface FilaCorte {
  numero: number;
  instante: Date | string;
  tx_id: string;
  actas: number;
  final: boolean;
  manifiesto_sha256: string;
  zip_sha256: string;
  zip_bytes: string;
  archivos: { nombre: string; sha256: string; bytes: number }[];
}

export interface ArchivoServido {
  ruta: string;
  sha256: string;
  bytes: number;
  nombre: string;
}

function publico(f: FilaCorte): CortePublico {
  return {
    numero: f.numero,
    instante: new Date(f.instante).toISOString(),
    txId: Number(f.tx_id),
    actas: f.actas,
    final: f.final,
    manifiestoSha256: f.manifiesto_sha256,
    zipSha256: f.zip_sha256,
    zip: `/difusion/cortes/${f.numero}.zip`,
    manifiesto: `/difusion/cortes/${f.numero}/manifiesto.json`,
  };
}

function noEncontrado(mensaje: string): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, 'NO_ENCONTRADO', mensaje);
}

/**
 * The public feed of published cortes (read-only, no session). A file is served only when the
 * corte's own manifest lists it: names never reach the filesystem unchecked.
 */
@Injectable()
export class DifusionService {
  private readonly raiz: string;

  constructor(
    private readonly em: EntityManager,
    @Inject(PREP_CONFIG) cfg: PrepConfig,
  ) {
    this.raiz = dirCortes(cfg.PREP_DATA_DIR);
  }

  async lista(): Promise<CortePublico[]> {
    const filas = await this.em.fork().execute<FilaCorte[]>("select * from corte where estado = 'PUBLICADO' order by numero");
    return filas.map(publico);
  }

  private async fila(numero: number | 'ultimo'): Promise<FilaCorte> {
    const [f] =
      numero === 'ultimo'
        ? await this.em.fork().execute<FilaCorte[]>("select * from corte where estado = 'PUBLICADO' order by numero desc limit 1")
        : await this.em.fork().execute<FilaCorte[]>("select * from corte where estado = 'PUBLICADO' and numero = ?", [numero]);
    if (!f)
      throw noEncontrado(numero === 'ultimo' ? 'Aún no se ha publicado ningún corte.' : `No existe el corte ${numero}; consulte la lista en /difusion/cortes.`);
    return f;
  }

  async ultimo(): Promise<CortePublico> {
    return publico(await this.fila('ultimo'));
  }

  async zip(numero: number): Promise<ArchivoServido> {
    const f = await this.fila(numero);
    return {
      ruta: path.join(this.raiz, String(numero), nombreZipCorte(numero)),
      sha256: f.zip_sha256,
      bytes: Number(f.zip_bytes),
      nombre: nombreZipCorte(numero),
    };
  }

  async archivo(numero: number, nombre: string): Promise<ArchivoServido> {
    const f = await this.fila(numero);
    const a = f.archivos.find((x) => x.nombre === nombre);
    if (!a) throw noEncontrado(`El corte ${numero} no tiene el archivo '${nombre.slice(0, 80)}'; su manifiesto.json lista los que tiene.`);
    return { ruta: path.join(this.raiz, String(numero), a.nombre), sha256: a.sha256, bytes: a.bytes, nombre: a.nombre };
  }

  /** The image of an acta carried by a published corte, with its CODIGO_INTEGRIDAD. */
  async imagen(claveActa: string): Promise<{ ruta: string; sha256: string }> {
    const [a] = await this.em
      .fork()
      .execute<{ estado: EstadoActa }[]>(
        `select a.estado from acta a where a.clave_acta = ? and a.tx_publicacion <= (select max(tx_id) from corte where estado = 'PUBLICADO')`,
        [claveActa],
      );
    const sha256 = a?.estado.resultado?.imagenSha256 ?? null;
    const imagen = sha256 ? a.estado.imagenes.find((i) => i.sha256 === sha256) : undefined;
    if (!imagen) throw noEncontrado(`El acta ${claveActa} no tiene imagen publicada en ningún corte.`);
    return { ruta: imagen.ruta, sha256: imagen.sha256 };
  }

  existe(ruta: string): boolean {
    return fs.existsSync(ruta);
  }
}
