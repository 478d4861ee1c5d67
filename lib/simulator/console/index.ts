export * from './simulator-console.js';
export * from './simulator-console-options.interface.js';
export type { ConsoleState } from './console-state.interface.js';
export type { ConsoleFeedEvent, ConsoleFeedKind } from './feed/console-feed-event.interface.js';
export type { ConsoleStoredMessage } from './store/summarize-stored-message.js';
export type { UserDataSummary } from './feed/describe-user-data.js';
