import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

import { SmscSimulator } from '../../lib/simulator/index.js';

// An external SMSC, as SMSC_HOST points the sample at one: our simulator in this process, on a free port.
let smsc: SmscSimulator;
const ENV_KEYS = ['SMSC_HOST', 'SMSC_PORT', 'SMSC_SYSTEM_ID', 'SMSC_PASSWORD', 'SAMPLE_DEMO', 'HOST', 'PORT'];
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

const { startSample } = await import('../../sample/start-sample.js');

beforeAll(async () => {
  smsc = await SmscSimulator.start({ port: 0, credentials: [{ system_id: 'acme', password: 'pw' }] });
  Object.assign(process.env, {
    SMSC_HOST: smsc.host,
    SMSC_PORT: String(smsc.port),
    SMSC_PASSWORD: 'pw',
    SAMPLE_DEMO: '0',
    PORT: '0',
  });
});
afterAll(async () => {
  await smsc?.stop();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('sample app configuration', () => {
  it('refuses to start with SMSC_HOST set and SMSC_SYSTEM_ID unset, naming the variable', async () => {
    delete process.env.SMSC_SYSTEM_ID;
    await expect(startSample(process.env, { logger: false, abortOnError: false })).rejects.toThrow(
      /^SMSC_SYSTEM_ID is not set: with SMSC_HOST set the sample binds to that SMSC and needs its account/,
    );
    expect(smsc.stats().connections.total).toBe(0);
  });

  describe('with SMSC_HOST and SMSC_SYSTEM_ID set, and HOST=0.0.0.0', () => {
    let app: INestApplication;
    beforeAll(async () => {
      process.env.SMSC_SYSTEM_ID = 'acme';
      app = await startSample({ ...process.env, HOST: '0.0.0.0' }, { logger: false });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('listens on the interface HOST names', () => {
      expect((app.getHttpServer().address() as AddressInfo).address).toBe('0.0.0.0');
    });

    it('binds to the SMSC of SMSC_HOST with that account and reports healthy over HTTP', async () => {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const deadline = Date.now() + 10_000;
      let res = await request(`http://127.0.0.1:${port}`).get('/health');
      while (res.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        res = await request(`http://127.0.0.1:${port}`).get('/health');
      }
      expect(res.status).toBe(200);
      expect(res.body.info.smpp).toMatchObject({ status: 'up', state: 'bound' });
      expect(smsc.stats().binds.transceiver).toBe(1);
    });
  });
});
