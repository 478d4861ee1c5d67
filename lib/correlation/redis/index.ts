export * from './redis-correlator.js';
