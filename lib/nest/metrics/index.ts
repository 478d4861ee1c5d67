export * from './naz-metric-names.js';
export * from './naz-router-metric-names.js';
