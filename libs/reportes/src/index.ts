export * from './avance';
export * from './catd';
export * from './csv';
export * from './graficas';
export * from './html';
export * from './grafica-barras';
