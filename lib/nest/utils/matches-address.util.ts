import type { AddressFilter } from '../interfaces/naz-handler-options.interface.js';

/** @internal Whether `address` passes `filter` (no filter passes everything; a missing address fails a filter). */
export function matchesAddress(filter: AddressFilter | undefined, address: string | undefined): boolean {
  if (filter === undefined) return true;
  if (address === undefined) return false;
  const candidates: ReadonlyArray<string | RegExp> =
    typeof filter === 'string' || filter instanceof RegExp ? [filter] : filter;
  return candidates.some((candidate) =>
    typeof candidate === 'string' ? candidate === address : testPattern(candidate, address),
  );
}

function testPattern(pattern: RegExp, address: string): boolean {
  // A /g or /y pattern keeps lastIndex between calls; reset it so every message is judged alone.
  pattern.lastIndex = 0;
  return pattern.test(address);
}

/** @internal Whether a client name passes a handler's `client` filter. */
export function matchesClient(filter: string | readonly string[] | undefined, client: string): boolean {
  if (filter === undefined) return true;
  return typeof filter === 'string' ? filter === client : filter.includes(client);
}
