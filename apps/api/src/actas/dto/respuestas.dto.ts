import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FASES } from './listado.dto';

/** Answers of the actas routes, as the OpenAPI document describes them (the services build the objects). */

/** What a staff action on an acta answers once its workflow accepted it. */
export class ResultadoAccionDto {
  @ApiProperty({ example: '141234B01005' })
  claveActa!: string;

  @ApiProperty({ enum: FASES, description: 'La fase del acta después de la acción' })
  fase!: string;

  @ApiProperty({ type: 'integer', description: 'Entradas del acta en la bitácora después de la acción' })
  secuencia!: number;

  @ApiProperty({ type: [String], description: 'Eventos que la acción agregó a la bitácora', example: ['ACOPIO'] })
  eventos!: string[];
}

export class ResultadoAcopioDto extends ResultadoAccionDto {
  @ApiProperty({ description: 'El acta no está en el catálogo: se registró como fuera de catálogo (CONTABILIZADA=2)' })
  fueraDeCatalogo!: boolean;
}

export class ResultadoDigitalizacionDto extends ResultadoAccionDto {
  @ApiProperty({ description: 'SHA-256 de la imagen recibida (su código de integridad)', pattern: '^[0-9a-f]{64}$' })
  sha256!: string;

  @ApiProperty({ type: 'integer' })
  bytes!: number;

  @ApiProperty({ enum: ['jpeg', 'png', 'pdf'] })
  tipoArchivo!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  ancho!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  alto!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  paginas!: number | null;
}

export class ActaListadaDto {
  @ApiProperty() claveActa!: string;
  @ApiProperty() tipoActa!: string;
  @ApiProperty({ type: String, nullable: true }) catd!: string | null;
  @ApiProperty({ enum: FASES }) fase!: string;
  @ApiProperty() fueraDeCatalogo!: boolean;
  @ApiProperty() atorada!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) atoradaDesde!: string | null;
  @ApiProperty({ type: 'integer' }) ronda!: number;
  @ApiProperty({ type: 'integer', nullable: true, enum: [0, 1, 2] }) contabilizada!: number | null;
  @ApiProperty({ type: String, nullable: true }) observaciones!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) actualizadaEn!: string;
}

export class ListadoActasDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) pagina!: number;
  @ApiProperty({ type: 'integer' }) porPagina!: number;
  @ApiProperty({ type: [ActaListadaDto] }) actas!: ActaListadaDto[];
}

export class ImagenDeActaDto {
  @ApiProperty() sha256!: string;
  @ApiProperty({ enum: ['CATD', 'CASILLA'] }) origen!: string;
  @ApiProperty({ enum: ['ESCANER', 'MOVIL'] }) medio!: string;
  @ApiProperty() completa!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) ancho!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) alto!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) paginas!: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) fechaHora!: string;
  @ApiProperty({ description: 'Dónde descargarla (GET)' }) url!: string;
}

export class ResultadoPublicadoDto {
  @ApiProperty({ type: 'integer', nullable: true, enum: [0, 1, 2] }) contabilizada!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) totalVotosCalculado!: number | null;
  @ApiProperty({ type: String, nullable: true }) observaciones!: string | null;
  @ApiProperty({ type: String, nullable: true }) imagenSha256!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'Los datos publicados del acta' })
  datos!: Record<string, unknown> | null;
}

const objeto = (description: string) => ({ type: 'object', nullable: true, additionalProperties: true, description }) as const;
const lista = (description: string) => ({ type: 'array', items: { type: 'object', additionalProperties: true }, description }) as const;

export class DetalleActaDto {
  @ApiProperty() claveActa!: string;
  @ApiProperty() claveCasilla!: string;
  @ApiProperty() tipoActa!: string;
  @ApiProperty({ type: String, nullable: true }) catd!: string | null;
  @ApiProperty({ enum: FASES }) fase!: string;
  @ApiProperty() fueraDeCatalogo!: boolean;
  @ApiProperty() atorada!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) atoradaDesde!: string | null;
  @ApiProperty({ type: 'integer' }) ronda!: number;
  @ApiProperty({ type: 'integer' }) entradasBitacora!: number;
  @ApiProperty({ type: [String], description: 'Los campos que se capturan en esta acta' }) campos!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fechaHoraAcopio!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fechaHoraCaptura!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fechaHoraVerificacion!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fechaHoraPublicacion!: string | null;
  @ApiProperty(objeto('La recepción en el CATD')) acopio!: Record<string, unknown> | null;
  @ApiProperty(lista('Correcciones del CATD de acopio')) correccionesCatd!: Record<string, unknown>[];
  @ApiProperty({ type: [ImagenDeActaDto] }) imagenes!: ImagenDeActaDto[];
  @ApiProperty({ type: 'integer' }) capturasRegistradas!: number;
  @ApiPropertyOptional(lista('Solo para quien puede verlas y cuando ambas capturas de la ronda llegaron')) capturas?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['confirmacion', 'desempate'] }) modoVerificacion?: string | null;
  @ApiPropertyOptional(lista('Campos en que las capturas difieren')) discrepancias?: Record<string, unknown>[];
  @ApiPropertyOptional(lista('Rondas anteriores')) historial?: Record<string, unknown>[];
  @ApiProperty(objeto('La decisión de verificación')) verificacion!: Record<string, unknown> | null;
  @ApiProperty(objeto('El escalamiento al coordinador')) escalamiento!: Record<string, unknown> | null;
  @ApiProperty({ type: ResultadoPublicadoDto, nullable: true }) resultado!: ResultadoPublicadoDto | null;
}
