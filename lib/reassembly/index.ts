export * from './redis-reassembler.js';
