export * from './immudb-ledger';
