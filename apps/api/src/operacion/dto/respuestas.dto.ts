import { ApiProperty } from '@nestjs/swagger';

export class SinActaPendienteDto {
  @ApiProperty() claveActa!: string;
  @ApiProperty() codigo!: string;
  @ApiProperty() mensaje!: string;
}

export class PendientesCierreDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: [SinActaPendienteDto] }) actas!: SinActaPendienteDto[];
}

export class FaseEnProcesoDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: [String] }) claves!: string[];
}

export class EnProcesoCierreDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/FaseEnProcesoDto' }, description: 'Por fase' })
  porFase!: Record<string, FaseEnProcesoDto>;
}

/** ResultadoCierre of CierreService, as the API answers it. */
export class ResultadoCierreDto {
  @ApiProperty({ type: 'integer' }) actasEsperadas!: number;
  @ApiProperty({ type: 'integer', description: 'Esperadas que fueron acopiadas' }) registradas!: number;
  @ApiProperty({ type: 'integer', description: 'Publicadas como SIN ACTA en esta ejecución' }) publicadasSinActa!: number;
  @ApiProperty({ type: 'integer', description: 'Ya SIN ACTA antes de esta ejecución' }) sinActaPrevias!: number;
  @ApiProperty({ type: PendientesCierreDto, description: 'SIN ACTA que no se pudieron enviar: repita el cierre' }) pendientes!: PendientesCierreDto;
  @ApiProperty({ type: EnProcesoCierreDto, description: 'Acopiadas aún sin publicar' }) enProceso!: EnProcesoCierreDto;
  @ApiProperty({ type: 'integer' }) flujosAvisados!: number;
  @ApiProperty() segundos!: number;
}

export class ResultadoReinicioDto {
  @ApiProperty() claveActa!: string;
  @ApiProperty() runIdAnterior!: string;
  @ApiProperty({ type: String, nullable: true }) runIdNuevo!: string | null;
  @ApiProperty({ type: 'integer', description: 'El evento del historial desde el que se reinició' }) eventoId!: number;
  @ApiProperty() motivo!: string;
}
