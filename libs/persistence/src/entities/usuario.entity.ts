import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A member of the PREP staff. Roles come from DOMAIN.md; one person may hold several.
 * `prep_casilla` is not a person: it is the account of a PREP Casilla capture device, which may only
 * send photos of actas (origen CASILLA, medio MOVIL) and holds no other role.
 */
export const ROLES = [
  'acopiador',
  'digitalizador',
  'capturista',
  'verificador',
  'coordinador',
  'auditor',
  'cotaprep',
  'operador',
  'administrador',
  'prep_casilla',
] as const;
export type Rol = (typeof ROLES)[number];

@Entity({ tableName: 'usuario' })
export class Usuario {
  [OptionalProps]?: 'activo' | 'creadoEn';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64, unique: true })
  nombreUsuario!: string;

  @Property({ type: 'string', length: 200 })
  nombreCompleto!: string;

  @Property({ type: 'string', length: 100, hidden: true })
  passwordHash!: string;

  @Property({ type: 'array', columnType: 'text[]' })
  roles!: Rol[];

  /** CATD the person works in; null for central roles (auditor, COTAPREP, administración). */
  @Property({ type: 'string', length: 16, nullable: true })
  catd?: string | null;

  @Property({ type: 'boolean', default: true })
  activo: boolean = true;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  creadoEn: Date = new Date();
}
