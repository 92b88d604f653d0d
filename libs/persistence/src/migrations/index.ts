import { Migration20261126000001_usuarios } from './Migration20261126000001_usuarios';
import { Migration20261126000002_actas_catalogo_tareas } from './Migration20261126000002_actas_catalogo_tareas';
import { Migration20261127000001_puesta_en_ceros } from './Migration20261127000001_puesta_en_ceros';
import { Migration20261127000001_publicacion } from './Migration20261127000001_publicacion';
import { Migration20261128000001_idempotencia } from './Migration20261128000001_idempotencia';

/** Ordered list of migrations; new ones are appended here (no folder globbing). */
export const MIGRATIONS = [
  { name: 'Migration20261126000001_usuarios', class: Migration20261126000001_usuarios },
  { name: 'Migration20261126000002_actas_catalogo_tareas', class: Migration20261126000002_actas_catalogo_tareas },
  { name: 'Migration20261127000001_puesta_en_ceros', class: Migration20261127000001_puesta_en_ceros },
  { name: 'Migration20261127000001_publicacion', class: Migration20261127000001_publicacion },
  { name: 'Migration20261128000001_idempotencia', class: Migration20261128000001_idempotencia },
];
