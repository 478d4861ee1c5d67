import type { NazErrorMap } from './naz-error-map.js';
import { hasClassNamed, isNazError } from './naz-error.js';

/**
 * Whether `value` is a nestjs-naz error of the named class or a subclass of it, from either build of the library:
 * `isNazErrorNamed(e, 'PduDecodeError')` holds for a `FramingError` too.
 *
 * @remarks
 * The same test as `value instanceof SubmitError`, for code that should not import the class (a logging filter, a
 * shared error handler). The name is checked against {@link NazErrorMap}, so a typo does not compile.
 *
 * @example
 * ```ts
 * if (isNazErrorNamed(error, 'SubmitError') && error.statusName === 'ESME_RINVDSTADR') markNumberInvalid(to);
 * ```
 */
export function isNazErrorNamed<N extends keyof NazErrorMap>(
  value: unknown,
  name: N,
): value is NazErrorMap[N] {
  return isNazError(value) && hasClassNamed(value, name);
}
