import { loadConfig } from '@prep/config';
import { runMigrations } from '@prep/persistence';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const { DATABASE_URL } = loadConfig();
  const applied = await runMigrations(DATABASE_URL);
  console.log(applied.length ? `[migraciones] aplicadas: ${applied.join(', ')}` : '[migraciones] el esquema ya estaba al día');
}

main().catch((err) => {
  console.error(`[migraciones] error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
