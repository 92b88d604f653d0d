import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './mikro-orm.config';

/** Applies pending migrations; returns the names applied. `silencioso` drops the migrator's progress lines. */
export async function runMigrations(databaseUrl: string, { silencioso = false } = {}): Promise<string[]> {
  const orm = await MikroORM.init({ ...ormConfig({ databaseUrl, poolMax: 2 }), ...(silencioso ? { logger: () => undefined } : {}) });
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
