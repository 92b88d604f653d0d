export * from './esquema';
export * from './immudb-ledger';
