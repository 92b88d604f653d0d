import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface OrmOptions {
  databaseUrl: string;
  debug?: boolean;
  poolMax?: number;
}

/**
 * One MikroORM configuration for the API, the worker, the CLI and the tests.
 * Types are declared on every property, so no reflection of TypeScript types is needed.
 */
export function ormConfig({ databaseUrl, debug = false, poolMax = 10 }: OrmOptions) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities: ENTITIES,
    debug,
    pool: { min: 0, max: poolMax },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    // Timestamps travel as UTC instants; the PREP zone is applied only when publishing.
    timezone: '+00:00',
    forceUtcTimezone: true,
    allowGlobalContext: false,
  });
}
