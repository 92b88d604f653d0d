export * from './esquema';
export * from './firma';
export * from './immudb-ledger';
