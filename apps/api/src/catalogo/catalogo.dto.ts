/** OpenAPI shapes of the catálogo endpoints (documentation only: responses are built by the service). */
import { ApiProperty } from '@nestjs/swagger';

export class EntidadDto {
  @ApiProperty({ example: 14 }) id!: number;
  @ApiProperty({ example: 'JALISCO' }) nombre!: string;
}

export class ResumenEleccionDto {
  @ApiProperty({ example: '6', description: 'Tipo de acta: termina la CLAVE_ACTA' }) tipoActa!: string;
  @ApiProperty({ example: 'AYUNTAMIENTOS' }) nombre!: string;
  @ApiProperty({ enum: ['DISTRITO_LOCAL', 'MUNICIPIO'] }) ambito!: string;
  @ApiProperty({ type: [String], example: ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'], description: 'Columnas de voto en orden de publicación' })
  columnas!: string[];
}

export class ResumenCatalogoDto {
  @ApiProperty({ description: 'SHA-256 de la forma canónica del catálogo' }) sha256!: string;
  @ApiProperty({ nullable: true, type: String, example: 'OPLE-2027-v3' }) version!: string | null;
  @ApiProperty({ type: EntidadDto }) entidad!: EntidadDto;
  @ApiProperty({ example: 10000 }) totalCasillas!: number;
  @ApiProperty({ example: 20000, description: 'Casillas × elecciones: denominador de ACTAS_ESPERADAS' }) totalActasEsperadas!: number;
  @ApiProperty({ example: 20 }) distritos!: number;
  @ApiProperty({ example: 125 }) municipios!: number;
  @ApiProperty({ example: 145, description: 'Número de CATD' }) catds!: number;
  @ApiProperty({ type: [ResumenEleccionDto] }) elecciones!: ResumenEleccionDto[];
  @ApiProperty({ type: String, format: 'date-time' }) cargadoEn!: Date;
  @ApiProperty({ example: 'admin' }) cargadoPor!: string;
}

export class EliminadasDto {
  @ApiProperty() elecciones!: number;
  @ApiProperty() catds!: number;
  @ApiProperty() casillas!: number;
}

export class ResultadoCargaDto extends ResumenCatalogoDto {
  @ApiProperty({ description: 'true si el catálogo vigente ya tenía exactamente este contenido (no se escribió nada)' }) sinCambios!: boolean;
  @ApiProperty({ type: EliminadasDto, description: 'Filas del catálogo anterior que el nuevo ya no trae' }) eliminadas!: EliminadasDto;
}
