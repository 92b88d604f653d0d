import { ApiProperty } from '@nestjs/swagger';

export class PublicacionAbiertaDto {
  @ApiProperty({ format: 'uuid' }) ventana!: string;
  @ApiProperty({ format: 'date-time' }) abiertaEn!: string;
  @ApiProperty({ type: 'integer' }) intervaloSegundos!: number;
  @ApiProperty() scheduleId!: string;
}

export class CortePedidoDto {
  @ApiProperty({ description: 'El workflow del corte en Temporal' }) workflowId!: string;
}

export class CorteFinalDto {
  @ApiProperty({ type: 'integer' }) numero!: number;
  @ApiProperty({ format: 'date-time' }) instante!: string;
  @ApiProperty({ type: 'integer' }) txId!: number;
  @ApiProperty({ type: 'integer' }) actas!: number;
  @ApiProperty() manifiestoSha256!: string;
  @ApiProperty() zipSha256!: string;
  @ApiProperty() final!: boolean;
}

export class PublicacionCerradaDto {
  @ApiProperty({ format: 'uuid' }) ventana!: string;
  @ApiProperty({ type: CorteFinalDto }) corteFinal!: CorteFinalDto;
}
