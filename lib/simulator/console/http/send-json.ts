import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { HttpError } from './http-error.js';

/** Answers with a JSON body; `no-store` because every answer is a live view. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Answers an error as `{ statusCode, error, message, field? }`, the shape Nest's exceptions have. */
export function sendError(res: ServerResponse, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(res, error.status, {
    statusCode: error.status,
    error: STATUS_CODES[error.status] ?? 'Error',
    message: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
  });
}
