export * from './esquema';
export * from './firma';
export * from './immudb-ledger';
export * from './verificacion';
export * from './paquete';
export * from './conexion-bitacora';
export * from './bitacora-personal';
export * from './verificacion-completa';
