import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { SmppClientService } from 'nestjs-naz';

export interface SendMessageBody {
  to: string;
  text: string;
}

@Controller('messages')
export class MessagesController {
  constructor(private readonly smpp: SmppClientService) {}

  /** Queues a message; the receipt arrives later through `SmsEvents`. */
  @Post()
  @HttpCode(202)
  send(@Body() body: SendMessageBody): Promise<{ correlationId: string }> {
    return this.smpp.send({ to: body.to, text: body.text });
  }
}
