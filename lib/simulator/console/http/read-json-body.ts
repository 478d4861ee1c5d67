import type { IncomingMessage } from 'node:http';
import { HttpError, badRequest } from './http-error.js';

/** Largest request body accepted: the biggest legitimate one is an MO form with a long text. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON object body.
 *
 * @remarks
 * Only `application/json` is accepted (415 otherwise). Besides saying what the endpoint takes, it keeps other
 * web pages out: a cross-origin POST with that content type needs a CORS preflight, which the console never
 * grants, while a form post (text/plain, urlencoded) would be sent without asking.
 *
 * @throws HttpError 415 (content type), 413 (too large), 400 naming `body` (not JSON, not an object).
 */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, `content-type must be application/json, got "${type || 'none'}".`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw badRequest(
      'body',
      `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('body', 'body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
