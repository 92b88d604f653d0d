import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

const porServicio = (description: string, nullable = false): ApiPropertyOptions => ({
  type: 'object',
  nullable,
  description,
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
});

/** terminus' answer when every check passed (a failed one is the shared 503 error body). */
export class SaludDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
  @ApiProperty(porServicio('Servicios que responden', true)) info!: Record<string, unknown> | null;
  @ApiProperty(porServicio('Servicios que no responden', true)) error!: Record<string, unknown> | null;
  @ApiProperty(porServicio('postgres, temporal e immudb, cada uno con su estado')) details!: Record<string, unknown>;
}
