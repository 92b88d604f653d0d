import { HttpException, HttpStatus } from '@nestjs/common';

/** Every error the API returns: a stable code for programs and a Spanish message for people. */
export interface ApiErrorBody {
  codigo: string;
  mensaje: string;
  errores?: { campo: string; mensajes: string[] }[];
  /** How many errors there were in all, when `errores` lists only the first ones. */
  totalErrores?: number;
}

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
