export * from './cell-values.js';
export * from './column-resolver.js';
export * from './csv-rows.js';
export * from './import-file.error.js';
export * from './json-rows.js';
export * from './source-row.js';
