import { ApiProperty } from '@nestjs/swagger';

class PersonaDto {
  @ApiProperty() nombreUsuario!: string;
  @ApiProperty() nombreCompleto!: string;
}

/** RegistroPuestaEnCeros: what the notary, the ente auditor and the administrador sign. */
export class RegistroPuestaEnCerosDto {
  @ApiProperty({ format: 'date-time' }) realizadaEn!: string;
  @ApiProperty({ type: PersonaDto }) administrador!: PersonaDto;
  @ApiProperty({ type: PersonaDto }) testigoAuditor!: PersonaDto;
  @ApiProperty({ type: String, nullable: true }) notario!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'sha256, version, totalCasillas, totalActasEsperadas' }) catalogo!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Lo que prueba que el sistema estaba vacío' }) conteos!: Record<
    string,
    number
  >;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'El estado firmado de immudb leído y probado justo antes' }) bitacora!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Las huellas de la compilación de referencia' }) compilacion!: Record<
    string,
    unknown
  >;
}

export class PuestaEnCerosRegistradaDto {
  @ApiProperty({ type: RegistroPuestaEnCerosDto }) registro!: RegistroPuestaEnCerosDto;
  @ApiProperty({ description: 'La clave del registro en la bitácora' }) bitacoraClave!: string;
  @ApiProperty({ type: 'integer', nullable: true }) bitacoraTx!: number | null;
}
