export * from './esquema';
export * from './firma';
export * from './immudb-ledger';
export * from './verificacion';
export * from './paquete';
export * from './conexion-bitacora';
export * from './verificacion-completa';
export * from './en-paralelo';
