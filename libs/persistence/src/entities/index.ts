import { ActaRow } from './acta.entity';
import { CasillaRow, CatalogoCarga, CatdRow, EleccionRow } from './catalogo.entity';
import { PuestaEnCerosRow } from './puesta-en-ceros.entity';
import { SolicitudIdempotenteRow } from './solicitud-idempotente.entity';
import { TareaEventoRow, TareaRow } from './tarea.entity';
import { Usuario } from './usuario.entity';
import { CorteRow, PublicacionVentanaRow } from './publicacion.entity';

export * from './acta.entity';
export * from './catalogo.entity';
export * from './puesta-en-ceros.entity';
export * from './solicitud-idempotente.entity';
export * from './tarea.entity';
export * from './usuario.entity';
export * from './publicacion.entity';

/** Every entity of the read model, listed explicitly (no folder globbing: works from ts, js and bundles). */
export const ENTITIES = [
  Usuario,
  CatalogoCarga,
  EleccionRow,
  CatdRow,
  CasillaRow,
  ActaRow,
  TareaRow,
  TareaEventoRow,
  PuestaEnCerosRow,
  PublicacionVentanaRow,
  CorteRow,
  SolicitudIdempotenteRow,
];
