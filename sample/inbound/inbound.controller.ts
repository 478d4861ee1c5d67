import { Controller, Get } from '@nestjs/common';
import { InboundStore, type InboundRecord } from './inbound-store.service.js';

/** `GET /inbound`: the messages mobiles sent us, newest first. */
@Controller('inbound')
export class InboundController {
  constructor(private readonly store: InboundStore) {}

  @Get()
  list(): InboundRecord[] {
    return this.store.list();
  }
}
