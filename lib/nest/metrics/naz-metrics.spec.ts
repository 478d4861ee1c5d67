import { describe, it, expect } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { NazMetrics } from './naz-metrics.js';

const silent: NazLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A stand-in for the engine: an emitter with the stats() the gauges read. */
function fakeClient(name: string) {
  const emitter = new EventEmitter() as EventEmitter & { name: string; stats: () => Record<string, unknown> };
  let reconnects = 0;
  emitter.name = name;
  emitter.stats = () => ({ inFlight: 3, queueDepth: 7, boundSessions: 1, reconnects });
  return { client: emitter, reconnect: () => (reconnects += 1) };
}

async function metricsText(registry: Registry): Promise<string> {
  return registry.metrics();
}

describe('Prometheus metrics', () => {
  it('counts requests and responses by command and status, and times submit_sm round trips', async () => {
    const registry = new Registry();
    const metrics = (await NazMetrics.create({ registry }, 'alpha', silent))!;
    const request = { command: 'submit_sm', command_status: 0, sequence_number: 1 } as never;
    metrics.hooks.beforeRequest!({ client: 'alpha', request });
    metrics.hooks.afterResponse!({
      client: 'alpha',
      request,
      response: {
        command: 'submit_sm_resp',
        command_status: 0x58,
        sequence_number: 1,
        message_id: '',
      } as never,
      elapsedMs: 12,
    });
    const text = await metricsText(registry);
    expect(text).toContain('naz_requests_total{client="alpha",command="submit_sm"} 1');
    expect(text).toContain(
      'naz_responses_total{client="alpha",command="submit_sm_resp",status="ESME_RTHROTTLED"} 1',
    );
    expect(text).toContain('naz_submit_latency_seconds_count{client="alpha"} 1');
    expect(text).toContain('naz_submit_latency_seconds_sum{client="alpha"} 0.012');
  });

  it('follows results, receipts and inbound PDUs, and reads gauges from stats() at scrape time', async () => {
    const registry = new Registry();
    const metrics = (await NazMetrics.create({ registry }, 'beta', silent))!;
    const { client, reconnect } = fakeClient('beta');
    metrics.attach(client as never);
    client.emit('submitted', {});
    client.emit('failed', {});
    client.emit('deliveryReceipt', { receipt: { state: 'DELIVRD' } });
    client.emit('deliveryReceipt', { receipt: { state: 'DELIVRD' }, correlationId: 'order-1' });
    client.emit('pdu', { pdu: { command: 'deliver_sm' } });
    reconnect();
    reconnect();
    const text = await metricsText(registry);
    expect(text).toContain('naz_messages_total{client="beta",result="submitted"} 1');
    expect(text).toContain('naz_messages_total{client="beta",result="failed"} 1');
    expect(text).toContain('naz_delivery_receipts_total{client="beta",state="DELIVRD"} 2');
    // Only the receipt without a correlationId counts as uncorrelated.
    expect(text).toContain('naz_receipts_uncorrelated_total{client="beta"} 1');
    expect(text).toContain('naz_inbound_pdus_total{client="beta",command="deliver_sm"} 1');
    expect(text).toContain('naz_in_flight{client="beta"} 3');
    expect(text).toContain('naz_queue_depth{client="beta"} 7');
    expect(text).toContain('naz_bound_sessions{client="beta"} 1');
    expect(text).toContain('naz_reconnects_total{client="beta"} 2');
    metrics.detach();
    expect(await metricsText(registry)).not.toContain('naz_in_flight{client="beta"}');
  });

  it('shares one set of metrics between clients of the same registry, told apart by the client label', async () => {
    const registry = new Registry();
    const a = (await NazMetrics.create({ registry }, 'a', silent))!;
    const b = (await NazMetrics.create({ registry }, 'b', silent))!;
    a.attach(fakeClient('a').client as never);
    b.attach(fakeClient('b').client as never);
    const text = await metricsText(registry);
    expect(text).toContain('naz_in_flight{client="a"} 3');
    expect(text).toContain('naz_in_flight{client="b"} 3');
  });

  it('is off without prom-client, or when disabled', async () => {
    expect(await NazMetrics.create(undefined, 'x', silent, async () => undefined)).toBeNull();
    expect(await NazMetrics.create(false, 'x', silent)).toBeNull();
  });
});

describe('loading prom-client', () => {
  it('degrades to no metrics when the package cannot be imported', async () => {
    const { loadPromClient } = await import('./load-prom-client.js');
    expect(await loadPromClient('prom-client-that-does-not-exist')).toBeUndefined();
    expect(await loadPromClient()).toBeDefined();
  });
});
