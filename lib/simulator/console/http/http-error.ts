/** A request the console refuses: the status to answer with and, for bad input, the field at fault. */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    /** The body field or query parameter at fault (400s). */
    readonly field?: string,
    /** Extra response headers (`Allow` on a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A 400 naming the field. */
export function badRequest(field: string, message: string): HttpError {
  return new HttpError(400, message, field);
}
