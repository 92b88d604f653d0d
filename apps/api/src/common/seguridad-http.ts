import { HttpStatus, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/** The largest JSON body any route needs (a capture of ≤ 200 fields is ~10 KB); anything bigger is refused with 413 before it is read. */
export const LIMITE_CUERPO_JSON_BYTES = 100 * 1024;

/** Headers a browser page of an allowed origin may send and read (CORS). */
const CABECERAS_PERMITIDAS = ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key', 'If-None-Match'];
const CABECERAS_EXPUESTAS = ['X-Request-Id', 'X-Codigo-Integridad', 'Retry-After', 'ETag', 'Content-Disposition'];

/**
 * Security headers (helmet) on every response. The policy lets the API's own HTML pages (reports,
 * the acta of the puesta en ceros, Swagger UI at /docs) load their own scripts and styles and nothing
 * from elsewhere. No `upgrade-insecure-requests`: the API is reached over plain HTTP on 127.0.0.1 or
 * behind a TLS proxy, and upgrading its own subresources there breaks /docs.
 */
export function aplicarCabecerasSeguridad(app: INestApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          imgSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // The public feed is there to be republished: difusores' pages may embed its images and files.
  app.use('/difusion', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
}

/**
 * CORS stays closed (no Access-Control-Allow-Origin for anyone) unless PREP_CORS_ORIGENES names
 * origins. Sessions travel as a Bearer token, never a cookie, so credentials are not enabled.
 */
export function aplicarCors(app: INestApplication, origenes: readonly string[]): void {
  if (origenes.length === 0) return;
  app.enableCors({
    origin: [...origenes],
    methods: ['GET', 'POST', 'HEAD', 'OPTIONS'],
    allowedHeaders: CABECERAS_PERMITIDAS,
    exposedHeaders: CABECERAS_EXPUESTAS,
    credentials: false,
    maxAge: 600,
  });
}

/** How long a refused request's unread body is still drained (and discarded) before the socket is closed. */
const ESPERA_CIERRE_MS = 1000;

/**
 * Once a refusal is sent without reading the body, closes the connection shortly after instead of
 * letting Node read (and discard) the rest of a huge body to keep the connection alive. Not at once:
 * a socket destroyed with unread input answers with a TCP reset, and a client still sending may
 * lose the refusal it was about to read.
 */
export function cerrarSinLeer(req: Request, res: Response): void {
  res.once('finish', () => {
    if (req.complete) return;
    const reloj = setTimeout(() => req.socket.destroy(), ESPERA_CIERRE_MS);
    reloj.unref();
    req.once('end', () => clearTimeout(reloj));
  });
}

/** Types that a body parser reads into memory (json, urlencoded); other types are read only by an upload route's multer. */
const RE_TIPO_ANALIZADO = /^application\/(?:[\w.+-]*\+)?json|^application\/x-www-form-urlencoded/i;

/**
 * body-parser checks Content-Length against its limit at once, but then reads the whole body before
 * answering. This answers 413 from the headers alone, so a client declaring 1 GB is refused unread.
 */
export function limiteDeclaradoJson(req: Request, res: Response, next: NextFunction): void {
  const largo = Number(req.headers['content-length']);
  if (!(largo > LIMITE_CUERPO_JSON_BYTES) || !RE_TIPO_ANALIZADO.test(req.headers['content-type'] ?? '')) return next();
  cerrarSinLeer(req, res);
  next(
    Object.assign(new Error('cuerpo demasiado grande'), {
      status: HttpStatus.PAYLOAD_TOO_LARGE,
      type: 'entity.too.large',
      limit: LIMITE_CUERPO_JSON_BYTES,
      length: largo,
    }),
  );
}

/** JSON bodies over the limit answer 413 CARGA_DEMASIADO_GRANDE (HttpExceptionFilter) as soon as Content-Length says so. */
export function aplicarLimiteJson(app: INestApplication): void {
  app.use(limiteDeclaradoJson);
  // Registered before init, so Nest skips its own json parser (same name) instead of adding a second one.
  (app as NestExpressApplication).useBodyParser('json', { limit: LIMITE_CUERPO_JSON_BYTES });
}
