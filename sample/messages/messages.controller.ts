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
import {
  InvalidMessageError,
  QueueFullError,
  SmppClientService,
  type MessageHistory,
} from '../../lib/index.js';
import { parseSendMessageRequest } from './send-message.request.js';

/** What `GET /messages/:id` answers: the ledger's history of the message, under its id. */
export type MessageView = MessageHistory & { id: string };

/** Send a message and follow it: `POST /messages`, `GET /messages/:id`. */
@Controller('messages')
export class MessagesController {
  constructor(private readonly smpp: SmppClientService) {}

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

  /**
   * The message's whole history from the ledger: its status (queued → sending → submitted → delivered, or why
   * not), the SMSC's id of every part, every part's receipt, and each event with its time.
   */
  @Get(':id')
  async get(@Param('id') id: string): Promise<MessageView> {
    const history = await this.smpp.getMessage(id);
    if (!history) throw new NotFoundException(`no message with id "${id}"`);
    return { id, ...history };
  }
}
