import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  OnDeliveryReceipt,
  OnSubmitResult,
  SmppClientService,
  type DeliveryReceiptEvent,
  type SubmitResultEvent,
} from '../../lib/index.js';

/** What the demo sends once bound: a one-part OTP and a long message (three parts, split with a UDH). */
const DEMO_MESSAGES = [
  { to: '447700900123', from: 'NazSample', text: 'Your code is 482913' },
  {
    to: '447700900124',
    from: 'NazSample',
    text:
      'nestjs-naz splits long text into parts with a concatenation header, sends them in one window, and ' +
      'joins the delivery receipt of every part to the id you sent the message with. This message needs ' +
      'more than two parts of 153 GSM 7-bit characters, so you will see one message id per part and one ' +
      'delivery receipt per part below, each tied back to the correlation id of the message as a whole.',
  },
];

/**
 * Sends a few messages right after the bind and logs how each one ends, so `npm run start:sample` shows the
 * whole round trip (queued → submitted → delivered) without a `curl`. `SAMPLE_DEMO=0` turns it off.
 */
@Injectable()
export class DemoTraffic implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');
  private readonly ids = new Set<string>();

  constructor(
    private readonly smpp: SmppClientService,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get<string>('SAMPLE_DEMO') === '0') return;
    // Not awaited: the app starts (and answers /health) even while the SMSC is still out of reach.
    void this.run().catch((error: unknown) =>
      this.logger.warn(`demo messages not sent: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** The correlation ids of the demo messages (the e2e test follows them). */
  get correlationIds(): string[] {
    return [...this.ids];
  }

  private async run(): Promise<void> {
    await this.smpp.waitUntilBound(30_000);
    for (const message of DEMO_MESSAGES) {
      const { correlationId } = await this.smpp.send(message);
      this.ids.add(correlationId);
      const preview = message.text.length > 40 ? `${message.text.slice(0, 40)}…` : message.text;
      this.logger.log(`queued ${correlationId} to ${message.to}: "${preview}"`);
    }
  }

  @OnSubmitResult()
  onSubmitResult(result: SubmitResultEvent): void {
    if (!this.ids.has(result.correlationId)) return;
    if (result.status === 'submitted') {
      this.logger.log(
        `submitted ${result.correlationId}: SMSC message id(s) ${result.messageIds.join(', ')}`,
      );
    } else {
      this.logger.warn(`failed ${result.correlationId}: ${result.reason}`);
    }
  }

  @OnDeliveryReceipt()
  onReceipt(event: DeliveryReceiptEvent): void {
    if (event.correlationId === undefined || !this.ids.has(event.correlationId)) return;
    const part =
      event.partCount !== undefined && event.partCount > 1
        ? ` (part ${(event.partIndex ?? 0) + 1}/${event.partCount})`
        : '';
    this.logger.log(`receipt for ${event.correlationId}${part}: ${event.receipt.state}`);
  }
}
