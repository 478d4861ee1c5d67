export * from './smpp.health.js';
