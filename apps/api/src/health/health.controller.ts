import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SaludDto } from './salud.dto';
import { RespuestasDeError } from '../common/respuestas-error';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EntityManager } from '@mikro-orm/postgresql';
import { TemporalService } from '../temporal/temporal.module';
import { BitacoraService } from '../bitacora/bitacora.module';
import { Public } from '../auth/roles.decorator';

const TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} no respondió en ${TIMEOUT_MS} ms`)), TIMEOUT_MS))]);
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

@ApiTags('salud')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly bitacora: BitacoraService,
  ) {}

  @Get()
  // terminus' own OpenAPI shapes off: the filter answers a failed check with the shared error body, not terminus'.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ type: SaludDto })
  @RespuestasDeError([503, 'SERVICIO_NO_DISPONIBLE: PostgreSQL, Temporal o immudb no responde'])
  @ApiOperation({ summary: 'Estado de PostgreSQL, Temporal e immudb (503 si alguno no responde)' })
  check() {
    return this.health.check([
      async () => {
        const s = this.indicators.check('postgres');
        try {
          await withTimeout(this.em.getConnection().execute('select 1'), 'PostgreSQL');
          return s.up();
        } catch (err) {
          return s.down({ motivo: reason(err) });
        }
      },
      async () => {
        const s = this.indicators.check('temporal');
        try {
          await withTimeout(this.temporal.connection.ensureConnected(), 'Temporal');
          const info = await withTimeout(this.temporal.connection.workflowService.getSystemInfo({}), 'Temporal');
          return s.up({ version: info.serverVersion });
        } catch (err) {
          return s.down({ motivo: reason(err) });
        }
      },
      async () => {
        const s = this.indicators.check('immudb');
        try {
          const bitacora = await withTimeout(this.bitacora.get(), 'immudb');
          const h = await withTimeout(bitacora.health(), 'immudb');
          return h.status ? s.up({ version: h.version, base: bitacora.database }) : s.down({ motivo: 'immudb reporta estado no saludable' });
        } catch (err) {
          return s.down({ motivo: reason(err) });
        }
      },
    ]);
  }
}
