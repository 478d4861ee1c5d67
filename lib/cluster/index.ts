export * from './bind-budget.interface.js';
export * from './redis-bind-budget.js';
