import { Migration20261126000001_usuarios } from './Migration20261126000001_usuarios';

/** Ordered list of migrations; new ones are appended here (no folder globbing). */
export const MIGRATIONS = [{ name: 'Migration20261126000001_usuarios', class: Migration20261126000001_usuarios }];
