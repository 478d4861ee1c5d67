/**
 * The brand every nestjs-naz error carries on its prototype.
 *
 * @remarks
 * `Symbol.for` returns the same symbol in every copy of the library, so an error thrown by the CommonJS build is
 * recognised by code that imported the ESM build (an app can load both: one dependency `require`s the package,
 * another `import`s it). Prefer {@link isNazError} or `instanceof` to reading it directly.
 */
export const NAZ_ERROR_BRAND: unique symbol = Symbol.for('nestjs-naz.error');

/**
 * The base class of every error nestjs-naz throws or reports (`SubmitError`, `BindError`, `PduDecodeError`...).
 *
 * @remarks
 * `instanceof` works across the ESM and CommonJS copies of the library: when the plain prototype check fails, a
 * value counts as an instance of a nestjs-naz error class if it carries the {@link NAZ_ERROR_BRAND} and a class of
 * that name is on its prototype chain. So `error instanceof SubmitError` and Nest's `@Catch(SubmitError)` hold
 * for an error from the other copy too. `isNazErrorNamed(error, 'SubmitError')` does the same by name, for
 * code that should not import the class.
 *
 * @example
 * ```ts
 * try {
 *   await smpp.submit(message);
 * } catch (error) {
 *   if (error instanceof SubmitError) log.warn(`rejected: ${error.statusName}`);
 *   else if (isNazError(error)) log.warn(`${error.name}: ${error.message}`);
 *   else throw error;
 * }
 * ```
 */
export class NazError extends Error {
  /** @param message - the sentence naming the field, the rule and the fix. @param options - `cause`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
  }

  /**
   * `value instanceof ThisClass`, across the library's copies: the prototype check first (the common case, and the
   * only one when one copy is loaded), then the brand and the class name on the prototype chain.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return isNazError(value) && hasClassNamed(value, (this as { name: string }).name);
  }
}

Object.defineProperty(NazError.prototype, NAZ_ERROR_BRAND, { value: true });

/**
 * Whether `value` is an error of nestjs-naz, from either build of the library.
 *
 * @example
 * ```ts
 * if (isNazError(error)) logger.warn(error.message); // a library error: its message names field, rule and fix
 * ```
 */
export function isNazError(value: unknown): value is NazError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [NAZ_ERROR_BRAND]?: unknown })[NAZ_ERROR_BRAND] === true
  );
}

/** @internal Whether a class called `name` is on the prototype chain of `value` (itself or a parent class). */
export function hasClassNamed(value: object, name: string): boolean {
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype;) {
    const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
    if (ctor?.name === name) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}
