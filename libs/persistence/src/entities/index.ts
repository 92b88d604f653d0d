import { Usuario } from './usuario.entity';

export * from './usuario.entity';

/** Every entity of the read model, listed explicitly (no folder globbing: works from ts, js and bundles). */
export const ENTITIES = [Usuario];
