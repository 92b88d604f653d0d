import { SetMetadata } from '@nestjs/common';
import type { Rol } from '@prep/persistence';

export const ROLES_KEY = 'prep:roles';
export const PUBLIC_KEY = 'prep:public';

/** The caller must hold at least one of these roles (checked by the global RolesGuard). */
export const Roles = (...roles: Rol[]) => SetMetadata(ROLES_KEY, roles);

/** No authentication required (login, health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
