import { esPerfil, PROFILES } from './services/config';
import { down, status, up } from './services/stack';

/** `npm run services -- up|down|status [--profile dev|test|cluster]` */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const action = args[0] ?? 'status';
  const profileIdx = args.indexOf('--profile');
  const profile = profileIdx >= 0 ? args[profileIdx + 1] : 'dev';
  if (!esPerfil(profile)) throw new Error(`perfil desconocido: ${profile} (use ${PROFILES.join(', ')})`);
  if (action === 'up') {
    const { addresses } = await up(profile);
    console.log(JSON.stringify(addresses, null, 2));
  } else if (action === 'down') await down(profile);
  else if (action === 'status') console.log(status(profile));
  else throw new Error(`acción desconocida: ${action} (use up, down o status)`);
}

main().catch((err) => {
  console.error(`[servicios] error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
