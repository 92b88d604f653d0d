import { HttpException, HttpStatus } from '@nestjs/common';

/** Every error the API returns: a stable code for programs and a Spanish message for people. */
export interface ApiErrorBody {
  codigo: string;
  mensaje: string;
  errores?: { campo: string; mensajes: string[] }[];
  /** How many errors there were in all, when `errores` lists only the first ones. */
  totalErrores?: number;
}

/** The code and message of an error that carries none of its own, per HTTP status (also the OpenAPI descriptions). */
export const CODIGOS_POR_ESTADO: Record<number, [codigo: string, mensaje: string]> = {
  400: ['SOLICITUD_INVALIDA', 'La solicitud no es válida'],
  401: ['NO_AUTENTICADO', 'Inicie sesión: falta el token o ya expiró'],
  403: ['SIN_PERMISO', 'Su rol no permite esta acción'],
  404: ['NO_ENCONTRADO', 'El recurso solicitado no existe'],
  405: ['METODO_NO_PERMITIDO', 'Método HTTP no permitido en esta ruta'],
  409: ['CONFLICTO', 'La acción entra en conflicto con el estado actual'],
  413: ['CARGA_DEMASIADO_GRANDE', 'El cuerpo de la solicitud excede el tamaño permitido'],
  415: ['TIPO_NO_SOPORTADO', 'Tipo de contenido no soportado'],
  422: ['NO_PROCESABLE', 'Los datos no cumplen las reglas del PREP'],
  429: ['DEMASIADAS_SOLICITUDES', 'Demasiadas solicitudes: espere un momento'],
  503: ['SERVICIO_NO_DISPONIBLE', 'Un servicio necesario no está disponible; intente de nuevo'],
};

export class ApiError extends HttpException {
  /** Response headers the error needs (e.g. Retry-After on a 429); set by HttpExceptionFilter. */
  cabeceras: Record<string, string> = {};

  constructor(status: HttpStatus | number, codigo: string, mensaje: string, errores?: ApiErrorBody['errores'], totalErrores?: number) {
    const total = errores && totalErrores !== undefined && totalErrores > errores.length ? { totalErrores } : {};
    super({ codigo, mensaje, ...(errores ? { errores } : {}), ...total } satisfies ApiErrorBody, status);
  }

  conCabeceras(cabeceras: Record<string, string>): this {
    Object.assign(this.cabeceras, cabeceras);
    return this;
  }
}
