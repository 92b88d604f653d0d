import { ApiProperty } from '@nestjs/swagger';

/** One published corte, as difusores see it (CortePublico of DifusionService). */
export class CortePublicoDto {
  @ApiProperty({ type: 'integer' }) numero!: number;
  @ApiProperty({ format: 'date-time' }) instante!: string;
  @ApiProperty({ type: 'integer', description: 'Transacción de la bitácora que registra el corte' }) txId!: number;
  @ApiProperty({ type: 'integer' }) actas!: number;
  @ApiProperty() final!: boolean;
  @ApiProperty() manifiestoSha256!: string;
  @ApiProperty() zipSha256!: string;
  @ApiProperty({ example: '/difusion/cortes/1.zip' }) zip!: string;
  @ApiProperty({ example: '/difusion/cortes/1/manifiesto.json' }) manifiesto!: string;
}
