export * from './naz-metric-names.js';
