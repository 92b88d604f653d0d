export * from './entities';
export * from './mikro-orm.config';
export * from './migrate';
export * from './proyeccion/acta.proyeccion';
export * from './base-no-disponible';
