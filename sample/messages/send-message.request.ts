import { BadRequestException } from '@nestjs/common';

/** The body of `POST /messages`. */
export interface SendMessageRequest {
  to: string;
  from?: string;
  text: string;
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', field, message });
}

/**
 * Checks the request body and names the first bad field. The SMPP rules themselves (lengths, encodings) are
 * checked again by the client, whose `InvalidMessageError` also becomes a 400 naming the field.
 */
export function parseSendMessageRequest(body: unknown): SendMessageRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid('body', 'the body must be a JSON object: { "to": "447700900123", "text": "Hello" }');
  }
  const { to, from, text } = body as Record<string, unknown>;
  if (typeof to === 'number') {
    // A JSON number loses leading zeros and "+", and past 2^53 its last digits.
    throw invalid(
      'to',
      `"to" must be a string of digits, not a JSON number: write "to": "${String(to)}" (got the number ${String(to)})`,
    );
  }
  if (typeof to !== 'string' || !/^\+?\d{1,20}$/.test(to)) {
    throw invalid(
      'to',
      `"to" must be a phone number of 1 to 20 digits (international format, no spaces), got ${JSON.stringify(to)}`,
    );
  }
  if (from !== undefined && (typeof from !== 'string' || from.length === 0 || from.length > 20)) {
    throw invalid('from', `"from" must be a sender of 1 to 20 characters, got ${JSON.stringify(from)}`);
  }
  if (typeof text !== 'string' || text.length === 0) {
    throw invalid('text', `"text" must be a non-empty string, got ${JSON.stringify(text)}`);
  }
  return { to: to.replace(/^\+/, ''), from, text };
}
