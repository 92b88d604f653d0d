import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Options as OpcionesHttp } from 'pino-http';
import PinoPretty from 'pino-pretty';
import { formatoDeRegistro, type PrepConfig } from '@prep/config';
import type { UsuarioAutenticado } from '../../auth/auth.types';

/** The header a client (or a proxy) may send to correlate its request, and that every response carries. */
export const CABECERA_ID_SOLICITUD = 'X-Request-Id';

/** An incoming id is kept only when it cannot smuggle anything into a log line or a header. */
const RE_ID_SOLICITUD = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Paths censored wherever they appear in a logged object: a second line of defence, since request
 * lines never carry headers or bodies at all (see lineaDeSolicitud). Vote values travel in `valores`.
 */
export const RUTAS_CENSURADAS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'cookie',
  'contrasena',
  'password',
  'token',
  'valores',
  'body',
  '*.contrasena',
  '*.password',
  '*.token',
  '*.valores',
  '*.body',
  '*.authorization',
];

const NIVELES: Record<PrepConfig['LOG_LEVEL'], pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

type Solicitud = IncomingMessage & { id?: unknown; originalUrl?: string; baseUrl?: string; route?: { path?: unknown }; user?: UsuarioAutenticado };

/** The id of a request: the caller's X-Request-Id when well formed, else a new UUID; echoed back in the response. */
export function idDeSolicitud(req: IncomingMessage, res: ServerResponse): string {
  const entrante = req.headers['x-request-id'];
  const id = typeof entrante === 'string' && RE_ID_SOLICITUD.test(entrante) ? entrante : randomUUID();
  res.setHeader(CABECERA_ID_SOLICITUD, id);
  return id;
}

/**
 * What one request line says: method, path (no query string), route pattern, status, duration and,
 * once authenticated, the account's id and roles. Deliberately no headers (Authorization, cookies)
 * and no body (passwords, tokens, vote values).
 */
export function lineaDeSolicitud(req: Solicitud, res: ServerResponse, duracionMs: number): Record<string, unknown> {
  const ruta = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;
  return {
    method: req.method,
    path: (req.originalUrl ?? req.url ?? '').split('?')[0].slice(0, 300),
    ...(ruta ? { route: ruta } : {}),
    status: res.statusCode,
    durationMs: duracionMs,
    ...(req.user ? { userId: req.user.id, roles: req.user.roles } : {}),
  };
}

/** The process's logger: JSON lines on stdout, or one readable line each with PREP_LOG_FORMATO=texto. */
export function crearRegistro(cfg: Pick<PrepConfig, 'LOG_LEVEL' | 'PREP_LOG_FORMATO' | 'NODE_ENV'>, destino?: DestinationStream): Logger {
  const opciones: LoggerOptions = {
    level: NIVELES[cfg.LOG_LEVEL],
    base: { pid: process.pid, servicio: 'api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: RUTAS_CENSURADAS, censor: '[oculto]' },
  };
  if (destino) return pino(opciones, destino);
  if (formatoDeRegistro(cfg) === 'texto') {
    return pino(
      opciones,
      PinoPretty({
        sync: true,
        colorize: Boolean(process.stdout.isTTY),
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,servicio,context',
        singleLine: true,
        messageFormat: '{if context}[{context}] {end}{msg}',
      }),
    );
  }
  return pino(opciones);
}

/** pino-http's options: one line per finished request (level error for a 5xx), child loggers bound to the request id only. */
export function opcionesRegistroHttp(logger: Logger): OpcionesHttp {
  return {
    logger,
    genReqId: idDeSolicitud,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (req, res, val: { responseTime: number }) => lineaDeSolicitud(req as Solicitud, res, val.responseTime),
    customErrorObject: (req, res, _err, val: { responseTime: number }) => lineaDeSolicitud(req as Solicitud, res, val.responseTime),
    customSuccessMessage: () => 'solicitud atendida',
    customErrorMessage: () => 'solicitud fallida',
  };
}
