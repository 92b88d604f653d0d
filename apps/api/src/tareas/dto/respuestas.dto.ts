import { ApiProperty } from '@nestjs/swagger';
import { TIPOS_TAREA } from '@prep/persistence';
import { DetalleActaDto } from '../../actas/dto/respuestas.dto';

export class TareaTomadaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() claveActa!: string;
  @ApiProperty({ enum: TIPOS_TAREA }) tipo!: string;
  @ApiProperty({ type: 'integer' }) ronda!: number;
  @ApiProperty({ type: 'integer' }) slot!: number;
  @ApiProperty({ type: String, nullable: true }) catd!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'Hasta cuándo la tarea es de quien la tomó' }) leaseHasta!: string;
}

export class SiguienteTareaDto {
  @ApiProperty({ type: TareaTomadaDto }) tarea!: TareaTomadaDto;
  @ApiProperty({ type: DetalleActaDto }) acta!: DetalleActaDto;
}

export class TareaLiberadaDto {
  @ApiProperty({ format: 'uuid', description: 'El id de la tarea devuelta a la cola' }) liberada!: string;
}
