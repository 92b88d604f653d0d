import { ApiProperty } from '@nestjs/swagger';

/** Answers of the auditor's routes (the shapes are built in AuditoriaService, CompilacionAuditoriaService and libs/audit). */

const objeto = (description: string, nullable = false) => ({ type: 'object', additionalProperties: true, nullable, description }) as const;
const lista = (description: string) => ({ type: 'array', items: { type: 'object', additionalProperties: true }, description }) as const;

export class EstadoConfiableDto {
  @ApiProperty() db!: string;
  @ApiProperty({ type: 'integer' }) txId!: number;
  @ApiProperty() txHash!: string;
}

export class EstadoBitacoraDto {
  @ApiProperty() baseDeDatos!: string;
  @ApiProperty({ type: 'integer' }) txId!: number;
  @ApiProperty() txHash!: string;
  @ApiProperty(objeto('La firma del estado por el servidor (clave pública y firma)', true)) firma!: Record<string, unknown> | null;
  @ApiProperty(objeto('firmado, firmaValida y si la clave es la esperada')) verificacionFirma!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'La clave pública (PEM) con que debe firmar immudb' }) clavePublicaEsperada!: string | null;
  @ApiProperty({ type: EstadoConfiableDto, nullable: true }) estadoConfiableAnterior!: EstadoConfiableDto | null;
  @ApiProperty({ type: EstadoConfiableDto, nullable: true }) estadoConfiableActual!: EstadoConfiableDto | null;
}

export class EntradaHistorialDto {
  @ApiProperty() clave!: string;
  @ApiProperty({ type: 'integer' }) txId!: number;
  @ApiProperty({ description: 'La lectura con prueba coincide con la del recorrido' }) verificada!: boolean;
  @ApiProperty() datosIntegros!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty(objeto('El evento del acta leído de la entrada', true)) evento!: Record<string, unknown> | null;
}

export class HistorialActaDto {
  @ApiProperty() claveActa!: string;
  @ApiProperty({ type: [EntradaHistorialDto] }) entradas!: EntradaHistorialDto[];
}

/** InformeVerificacionCompleta of libs/audit. */
export class InformeVerificacionDto {
  @ApiProperty({ format: 'date-time' }) inicio!: string;
  @ApiProperty({ format: 'date-time' }) fin!: string;
  @ApiProperty() duracionMs!: number;
  @ApiProperty({ type: 'integer' }) actasEnBitacora!: number;
  @ApiProperty({ type: 'integer' }) actasEnModelo!: number;
  @ApiProperty({ type: 'integer' }) entradasRevisadas!: number;
  @ApiProperty({ type: 'integer' }) entradasProbadas!: number;
  @ApiProperty({ type: EstadoConfiableDto, nullable: true }) estadoProbado!: EstadoConfiableDto | null;
  @ApiProperty({ type: 'integer' }) imagenesRevisadas!: number;
  @ApiProperty(lista('Cada diferencia: acta, campo, valor en la bitácora y en el modelo de lectura')) hallazgos!: Record<string, unknown>[];
  @ApiProperty({ description: 'Sin hallazgos' }) ok!: boolean;
}

export class RevisionCompilacionDto {
  @ApiProperty({ type: 'integer' }) corteTx!: number;
  @ApiProperty(objeto('La puesta en ceros y su compilación de referencia', true)) puestaEnCeros!: Record<string, unknown> | null;
  @ApiProperty() mensaje!: string;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) marcados!: number;
  @ApiProperty(lista('Procesos iniciados desde la puesta en ceros')) procesos!: Record<string, unknown>[];
  @ApiProperty(lista('Procesos iniciados antes de la puesta en ceros')) previos!: Record<string, unknown>[];
}
