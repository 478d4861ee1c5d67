/**
 * Joins key path segments the way errors print them: `rateLimit.perSecond`, `tls.ca[0]`.
 */
export function formatKeyPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
