export * from './spill-file.js';
