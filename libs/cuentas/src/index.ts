// Staff accounts: the rules of an account, password hashing and the create/deactivate logic that
// POST /usuarios and `npm run usuarios` share (each change recorded in the bitácora in its transaction).
export * from './usuario-reglas';
export * from './cuentas';
