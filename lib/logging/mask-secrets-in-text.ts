import { REDACTED } from './redaction.constants.js';

/**
 * Credentials inside a URL (`redis://user:pass@host`, `amqp://:pass@host`): the password part is a secret
 * whatever its value, so it is masked by its position, like a secret field by its key.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:)[^\s/@]+@/gi;

/**
 * A secret-named key followed by its value in free text (`password=…`, `"password":"…"`, `api_key: …`): the
 * value is masked by the key, whatever it is. Only `key=value` / `key: value` forms match, so a sentence about a
 * password ("password must be at most 8 characters") is left as written.
 */
const KEYED_VALUE =
  /\b(password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key|passphrase|private[_-]?key)(["']?\s*[:=]\s*["']?)(?!\*\*\*)([^\s"',;&})\]]+)/gi;

/**
 * A cheap first look for {@link KEYED_VALUE}: most log strings have none of these words, and the full pattern
 * (alternatives under a word boundary) costs several times more per string (measured: the redaction of a
 * typical log entry cost ~1.6× the old substring masking without this check, ~1.1-1.3× with it).
 */
const MAYBE_KEYED = /pass|pwd|secret|token|api[_-]?key|private/i;

/**
 * What may stand before a whole-token occurrence: the start, white space, quotes, `=`, separators and opening
 * brackets. Not `:` nor `.` nor `/`, so `127.0.0.1:2775` or a path never loses a piece to a password `2775`.
 */
const BEFORE = String.raw`(?<=^|[\s"'\x60=,;|(\[{<>])`;
/** What may follow: the end, white space, quotes, separators, closing brackets, or sentence punctuation before a space. */
const AFTER = String.raw`(?=$|[\s"'\x60,;|&)\]}<>]|[.:!?](?:\s|$))`;

/** Compiled matchers per secret value (a handful per process: the bind password, URL credentials). */
const TOKEN_MATCHERS = new Map<string, RegExp>();

function tokenMatcher(secret: string): RegExp {
  let matcher = TOKEN_MATCHERS.get(secret);
  if (matcher === undefined) {
    if (TOKEN_MATCHERS.size > 256) TOKEN_MATCHERS.clear();
    matcher = new RegExp(`${BEFORE}${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${AFTER}`, 'g');
    TOKEN_MATCHERS.set(secret, matcher);
  }
  matcher.lastIndex = 0;
  return matcher;
}

/**
 * Masks secrets in free text (an error message, a line quoting a config) without touching anything else.
 *
 * @remarks
 * Three rules, each replacing with `***`:
 * - URL credentials (`scheme://user:PASS@`) and values after a secret-named key (`password=PASS`,
 *   `"token": "PASS"`), whatever the value;
 * - each known secret value where it stands as a whole token: bounded by the start or end, white space,
 *   quotes, brackets, `=`, `,`, `;` or sentence punctuation. A password `y` leaves "did you mean windowSize?"
 *   alone, a password `2775` leaves `127.0.0.1:2775` alone, a password `bad` leaves `/tmp/bad-queue.json` alone.
 *
 * Text that this library builds never contains a secret (options errors never quote the password); this is
 * the safety net for text from elsewhere: socket and broker errors, JSON parse errors quoting a config file.
 *
 * @param secretValues - the known secrets (any length; empty strings are ignored).
 */
export function maskSecretsInText(text: string, secretValues: readonly string[] = []): string {
  let out = text;
  if (out.includes('://')) out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
  if (MAYBE_KEYED.test(out)) out = out.replace(KEYED_VALUE, `$1$2${REDACTED}`);
  for (const secret of secretValues) {
    if (secret.length === 0 || !out.includes(secret)) continue;
    out = out.replace(tokenMatcher(secret), REDACTED);
  }
  return out;
}
