/** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1), so two long names could collide. */
export const MAX_IDENTIFIER_BYTES = 63;

/** A schema, table or channel name the adapters will write into SQL, checked and quoted. */
export class InvalidIdentifierError extends Error {
  override readonly name = 'InvalidIdentifierError';

  constructor(
    readonly option: string,
    readonly value: string,
    rule: string,
  ) {
    super(`${option} ${JSON.stringify(value)} ${rule}`);
  }
}

/**
 * Checks a name for use as a PostgreSQL identifier: 1 to 63 bytes, no NUL. Any other character is allowed,
 * because {@link quoteIdentifier} quotes it.
 *
 * @param option - the option the name came from, for the error (`'schema'`, `'table'`...).
 * @throws InvalidIdentifierError naming the option and the rule.
 */
export function checkIdentifier(option: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new InvalidIdentifierError(option, String(value), 'must be a non-empty string');
  if (value.includes('\0')) throw new InvalidIdentifierError(option, value, 'must not contain NUL');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new InvalidIdentifierError(
      option,
      value,
      `is ${bytes} bytes; PostgreSQL identifiers hold at most ${MAX_IDENTIFIER_BYTES} (longer ones are truncated and could collide): choose a shorter name`,
    );
  }
  return value;
}

/**
 * The identifier in double quotes, inner quotes doubled (PostgreSQL §4.1.1 "quoted identifiers"): safe to put in
 * SQL text whatever the name holds, and case is kept as given.
 */
export function quoteIdentifier(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** A schema-qualified name, both parts quoted. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/** A string as an SQL literal (single quotes doubled), for the few places SQL takes a name as a string value. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
