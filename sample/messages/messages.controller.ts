import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InvalidMessageError, QueueFullError, SmppClientService } from '../../lib/index.js';
import type { MessageRecord } from './message-record.js';
import { MessageStore } from './message-store.service.js';
import { parseSendMessageRequest } from './send-message.request.js';

/** Send a message and follow it: `POST /messages`, `GET /messages/:id`. */
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly smpp: SmppClientService,
    private readonly store: MessageStore,
  ) {}

  /** Queues a message; answers 202 with its id (the correlation id). */
  @Post()
  @HttpCode(202)
  async send(@Body() body: unknown): Promise<{ id: string }> {
    const request = parseSendMessageRequest(body);
    try {
      const { correlationId } = await this.smpp.send({
        to: request.to,
        from: request.from,
        text: request.text,
      });
      this.store.add(correlationId, request);
      return { id: correlationId };
    } catch (error) {
      if (error instanceof InvalidMessageError) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          field: error.field,
          message: error.message,
        });
      }
      if (error instanceof QueueFullError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }

  /** Where a message is: queued, submitted, delivered or failed, with the SMSC's ids and the receipt. */
  @Get(':id')
  get(@Param('id') id: string): MessageRecord {
    const record = this.store.get(id);
    if (!record) throw new NotFoundException(`no message with id "${id}"`);
    return record;
  }
}
