/** What replaces a secret in logs, errors and events. */
export const REDACTED = '***';
