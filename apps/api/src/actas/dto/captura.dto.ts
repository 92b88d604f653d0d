import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class CapturaDto {
  @ApiProperty({
    description: "Cada campo del acta: un entero ≥ 0, 'ilegible' o 'sin_dato'",
    example: { PAN: 120, PRI: 'ilegible', NO_REGISTRADAS: 0, NULOS: 'sin_dato', TOTAL_VOTOS_ASENTADO: 300 },
  })
  @IsObject({ message: 'valores debe ser un objeto { CAMPO: valor }' })
  valores!: Record<string, unknown>;
}
