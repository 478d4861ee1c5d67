import { BadRequestException, Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** body-parser marks a body it could not parse as JSON with this `type`. */
const JSON_PARSE_FAILED = 'entity.parse.failed';

function isJsonParseFailure(cause: unknown): cause is SyntaxError {
  return (
    cause instanceof SyntaxError && (cause as SyntaxError & { type?: unknown }).type === JSON_PARSE_FAILED
  );
}

/**
 * Answers a request body that is not valid JSON with the same 400 shape as every other 400 of the sample,
 * `{ statusCode, error, field: "body", message }`, instead of Nest's default body without `field`.
 *
 * @remarks
 * Nest turns body-parser's SyntaxError into a `BadRequestException` whose `cause` is that error; every other
 * 400 passes through as it was thrown.
 */
@Catch(BadRequestException)
export class JsonBodyErrorFilter implements ExceptionFilter<BadRequestException> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: BadRequestException, host: ArgumentsHost): void {
    const response: unknown = host.switchToHttp().getResponse();
    const body = isJsonParseFailure(exception.cause)
      ? {
          statusCode: 400,
          error: 'Bad Request',
          field: 'body',
          message: `the body is not valid JSON (${exception.cause.message}); send an object such as { "to": "447700900123", "text": "Hello" }`,
        }
      : exception.getResponse();
    this.adapterHost.httpAdapter.reply(response, body, exception.getStatus());
  }
}
