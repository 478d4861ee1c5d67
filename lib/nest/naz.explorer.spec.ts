import { describe, it, expect } from '@jest/globals';
import { Injectable, Module, Scope, Controller } from '@nestjs/common';
import { DiscoveryModule, REQUEST } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Inject } from '@nestjs/common';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import { OnDeliverSm } from './decorators/on-deliver-sm.decorator.js';
import { OnDeliveryReceipt } from './decorators/on-delivery-receipt.decorator.js';
import { OnPdu } from './decorators/on-pdu.decorator.js';
import { OnSessionState } from './decorators/on-session-state.decorator.js';
import { OnSubmitResult } from './decorators/on-submit-result.decorator.js';
import { NAZ_LOGGER } from './naz.constants.js';
import { NazExplorer } from './naz.explorer.js';
import { NazMetadataAccessor } from './naz-metadata.accessor.js';

function recordingLogger(): NazLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => {}, info: () => {}, warn: (m) => void warnings.push(m), error: () => {} };
}

@Injectable()
class InboxService {
  readonly seen: unknown[] = [];
  @OnDeliverSm({ to: '1234' })
  onMessage(event: unknown) {
    this.seen.push(event);
    return 'handled';
  }
  @OnDeliveryReceipt({ client: 'b' })
  onReceipt() {}
  @OnPdu('deliver_sm')
  @OnPdu('data_sm')
  onAnyInbound() {}
  notAHandler() {}
}

@Controller()
class StatusController {
  @OnSubmitResult()
  onResult() {}
  @OnSessionState()
  onState() {}
}

@Injectable({ scope: Scope.REQUEST })
class PerRequestHandlers {
  constructor(@Inject(REQUEST) readonly request: unknown) {}
  @OnDeliverSm()
  onMessage() {}
}

@Module({
  imports: [DiscoveryModule],
  controllers: [StatusController],
  providers: [
    InboxService,
    PerRequestHandlers,
    { provide: 'INBOX_ALIAS', useExisting: InboxService },
    NazExplorer,
    NazMetadataAccessor,
    { provide: NAZ_LOGGER, useFactory: recordingLogger },
  ],
})
class HandlersModule {}

async function explore() {
  const moduleRef = await Test.createTestingModule({ imports: [HandlersModule] }).compile();
  const explorer = moduleRef.get(NazExplorer);
  const logger = moduleRef.get<ReturnType<typeof recordingLogger>>(NAZ_LOGGER);
  const handlers = explorer.explore();
  // A second client asks the same explorer: the app is not scanned (nor warned about) again.
  expect(explorer.explore()).toBe(handlers);
  return { handlers, logger, inbox: moduleRef.get(InboxService) };
}

describe('NazExplorer', () => {
  it('finds every decorated method on providers and controllers, with its options', async () => {
    const { handlers } = await explore();
    const summary = handlers.map((h) => `${h.kind}:${h.label}${h.command ? `:${h.command}` : ''}`).sort();
    expect(summary).toEqual(
      [
        'deliverSm:InboxService.onMessage',
        'deliveryReceipt:InboxService.onReceipt',
        'pdu:InboxService.onAnyInbound:data_sm',
        'pdu:InboxService.onAnyInbound:deliver_sm',
        'sessionState:StatusController.onState',
        'submitResult:StatusController.onResult',
      ].sort(),
    );
    expect(handlers.find((h) => h.kind === 'deliverSm')?.options).toEqual({ to: '1234' });
    expect(handlers.find((h) => h.kind === 'deliveryReceipt')?.options).toEqual({ client: 'b' });
  });

  it('binds each handler to the provider instance', async () => {
    const { handlers, inbox } = await explore();
    const handler = handlers.find((h) => h.kind === 'deliverSm')!;
    expect(handler.call({ text: 'hi' })).toBe('handled');
    expect(inbox.seen).toEqual([{ text: 'hi' }]);
  });

  it('skips a request-scoped provider with one warning (not one per client) that names the handler and the fix', async () => {
    const { handlers, logger } = await explore();
    expect(handlers.some((h) => h.label.startsWith('PerRequestHandlers'))).toBe(false);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('@OnDeliverSm() on PerRequestHandlers.onMessage is ignored');
    expect(logger.warnings[0]).toContain('singleton');
  });
});
