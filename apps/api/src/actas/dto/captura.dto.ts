import { ApiProperty } from '@nestjs/swagger';
import { MAX_CAMPOS_ACTA, RE_CAMPO, VALOR_MAXIMO_CAMPO } from '@prep/domain';
import { EsValoresDeActa } from '../../common/valores-captura.validator';

export class CapturaDto {
  @ApiProperty({
    description: `Cada campo del acta: un entero de 0 a ${VALOR_MAXIMO_CAMPO}, 'ilegible' o 'sin_dato' (a lo más ${MAX_CAMPOS_ACTA} campos; nombres ${RE_CAMPO.source})`,
    example: { PAN: 120, PRI: 'ilegible', NO_REGISTRADAS: 0, NULOS: 'sin_dato', TOTAL_VOTOS_ASENTADO: 300 },
  })
  @EsValoresDeActa()
  valores!: Record<string, unknown>;
}
