import { formatKeyPath } from './format-key-path.js';

/** A `${NAME}` placeholder whose variable is not set (and has no `:-default`). */
export class MissingEnvVariableError extends Error {
  constructor(
    /** The environment variable's name. */
    readonly variable: string,
    /** Dotted path of the config key that uses it. */
    readonly path: string,
  ) {
    super(`environment variable ${variable} is not set (used by ${path})`);
    this.name = 'MissingEnvVariableError';
  }
}

/** A `${...}` that is not a valid placeholder. */
export class BadPlaceholderError extends Error {
  constructor(
    readonly path: string,
    readonly placeholder: string,
  ) {
    super(
      `${path}: "${placeholder}" is not a valid placeholder; write \${NAME} or \${NAME:-default} (NAME: letters, digits, _), or $\${ for a literal \${`,
    );
    this.name = 'BadPlaceholderError';
  }
}

// `$${` is an escaped literal `${`; otherwise `${NAME}` or `${NAME:-default}`.
const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}|\$\{[^}]*$/g;
const BODY = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/**
 * Replaces `${NAME}` / `${NAME:-default}` in every string of a parsed config (keys untouched) with the
 * environment's values, so secrets stay out of the file (`"password": "${SMPP_PASSWORD}"`).
 *
 * @remarks
 * Values stay strings: a number-typed option must be written as a number in the file.
 * An empty variable counts as set (the shell convention for `:-` differs; ours keeps it explicit).
 *
 * @throws MissingEnvVariableError naming the variable and the key path.
 * @throws BadPlaceholderError for `${}` , `${1X}` or an unclosed `${`.
 */
export function substituteEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: Array<string | number> = [],
): unknown {
  if (typeof value === 'string') return substituteString(value, env, formatKeyPath(path));
  if (Array.isArray(value)) return value.map((item, index) => substituteEnv(item, env, [...path, index]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substituteEnv(item, env, [...path, key]);
    return out;
  }
  return value;
}

function substituteString(text: string, env: NodeJS.ProcessEnv, path: string): string {
  return text.replace(PLACEHOLDER, (match: string, body: string | undefined) => {
    if (match === '$${') return '${';
    const parsed = body === undefined ? null : BODY.exec(body);
    if (!parsed) throw new BadPlaceholderError(path, match);
    const [, name, fallback] = parsed as unknown as [string, string, string | undefined];
    const resolved = env[name];
    if (resolved !== undefined) return resolved;
    if (fallback !== undefined) return fallback;
    throw new MissingEnvVariableError(name, path);
  });
}
