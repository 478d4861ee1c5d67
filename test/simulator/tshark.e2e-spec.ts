/**
 * Wire check by an independent dissector: Wireshark's SMPP dissector must find no malformed PDU, no expert
 * warning and no undissected bytes in a capture of a session with submits, receipts and MO traffic, and must
 * count exactly the PDUs both sides say they exchanged.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmscSimulator } from '../../lib/simulator/index.js';
import { RawTestClient } from './raw-test-client.js';

const DISSECT = ['--disable-protocol', 'lbmsrs', '--disable-protocol', 'lbmpdm_tcp'];

function requireTool(name: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`])
      .toString()
      .trim();
  } catch {
    throw new Error(
      `${name} is not installed, and this test needs it to check the simulator's bytes on the wire. ` +
        'Install it with: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark',
    );
  }
}

/** A running capture: the tshark process, and a way to know everything sent so far has been captured. */
interface Capture {
  process: ChildProcess;
  /**
   * Resolves once tshark has printed a UDP probe sent now: packets are captured in order, so everything sent
   * before it is in the file too (a fixed sleep lost the last packets on a loaded machine).
   */
  flush(): Promise<void>;
}

/**
 * Starts a capture on loopback and resolves once packets are really being captured: dumpcap announces
 * "Capturing on" before its filter is live, so UDP probes (to a port of our own, outside the SMPP port) are sent
 * until tshark prints one.
 */
async function startCapture(port: number, file: string): Promise<Capture> {
  const sink = createSocket('udp4');
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
  const probePort = sink.address().port;
  const tshark = spawn(
    requireTool('tshark'),
    // Printed as one field per packet, its protocol stack ("sll:ethertype:ip:udp:data"), so a probe is known
    // as UDP whatever dissector tshark picks for its port (the summary line said "TZSP" for one random port).
    [
      '-i', 'lo', '-f', `tcp port ${port} or udp port ${probePort}`, '-w', file, '-P', '-l',
      '-T', 'fields', '-e', 'frame.protocols',
    ], // prettier-ignore
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let probesSeen = 0;
  /** Set while a probe is awaited (one at a time). */
  let onOutput: (() => void) | undefined;
  tshark.stdout?.on('data', (d: Buffer) => {
    const text = d.toString();
    output += text;
    probesSeen += text.split('\n').filter((line) => /(^|:)udp(:|$)/.test(line.trim())).length;
    onOutput?.();
  });
  tshark.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  /** Sends probes every 50 ms until tshark prints one more than it had printed when called. */
  const awaitProbe = async (): Promise<void> => {
    const target = probesSeen + 1;
    const probe = createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error): void => {
          clearTimeout(timer);
          clearInterval(interval);
          onOutput = undefined;
          tshark.off('exit', onExit);
          if (error) reject(error);
          else resolve();
        };
        const onExit = (code: number | null): void =>
          done(new Error(`tshark exited with ${code}: ${output}`));
        const timer = setTimeout(() => done(new Error(`tshark printed no probe: ${output}`)), 15_000);
        const interval = setInterval(() => probe.send('probe', probePort, '127.0.0.1'), 50);
        onOutput = () => {
          if (probesSeen >= target) done();
        };
        tshark.once('exit', onExit);
        probe.send('probe', probePort, '127.0.0.1');
      });
    } finally {
      probe.close();
    }
  };

  try {
    await awaitProbe();
  } catch (error) {
    sink.close();
    tshark.kill('SIGINT');
    throw error;
  }
  return {
    process: tshark,
    flush: async () => {
      try {
        await awaitProbe();
      } finally {
        sink.close();
      }
    },
  };
}

/** Runs tshark on a capture file and returns its stdout (stderr is kept for the error if it fails). */
function tshark(args: string[]): string {
  return execFileSync('tshark', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('naz-smsc on the wire (tshark)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'naz-smsc-pcap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces no malformed PDU in a session with receipts and MO traffic', async () => {
    requireTool('tshark');
    const sim = await SmscSimulator.start({
      receipts: { delayMs: 0, states: { DELIVRD: 0.7, UNDELIV: 0.3 } },
    });
    const file = join(dir, 'session.pcap');
    const capture = await startCapture(sim.port, file).catch(async (error: unknown) => {
      await sim.stop();
      throw error;
    });
    try {
      const client = await RawTestClient.bound(sim.port, 'bind_transceiver');
      const submits = Array.from({ length: 20 }, (_, i) =>
        client.request({
          command: 'submit_sm',
          source_addr: '1234',
          destination_addr: `4477009001${String(i).padStart(2, '0')}`,
          registered_delivery: 1,
          data_coding: 0,
          short_message: Buffer.from(`message number ${i}`),
        }),
      );
      await Promise.all(submits);
      await client.request({
        command: 'submit_multi',
        source_addr: '1234',
        registered_delivery: 1,
        dest_addresses: [
          { dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900201' },
          { dest_flag: 2, dl_name: 'list' },
        ],
        short_message: Buffer.from('multi'),
      });
      await client.request({
        command: 'data_sm',
        destination_addr: '447700900202',
        tlvs: { message_payload: Buffer.from('data') },
      });
      await client.request({ command: 'query_sm', message_id: '1' });
      await client.request({ command: 'enquire_link' });
      const long = 'A long mobile-originated message that needs several parts to arrive. '.repeat(4);
      let moPdus = 0;
      moPdus += sim.sendMo({ text: 'short MO' });
      moPdus += sim.sendMo({ text: long, split: 'udh8' });
      moPdus += sim.sendMo({ text: long, split: 'udh16' });
      moPdus += sim.sendMo({ text: long, split: 'sar' });
      moPdus += sim.sendMo({ text: long, split: 'payload' });
      moPdus += sim.sendMo({ text: 'Привет, мир' });
      await client.waitForCount('deliver_sm', 21 + moPdus);
      await client.request({ command: 'unbind' });
      await client.closedPromise;
      await capture.flush();
    } finally {
      capture.process.kill('SIGINT');
      await new Promise((resolve) => capture.process.once('exit', resolve));
      await sim.stop();
    }
    const stats = sim.stats();
    const exchanged = sum(stats.received) + sum(stats.sent);
    expect(stats.receiptsSent).toBe(21);

    const decode = ['-r', file, '-d', `tcp.port==${sim.port},smpp`, ...DISSECT];
    const problems = tshark([
      ...decode,
      '-Y',
      `tcp.port == ${sim.port} && (_ws.malformed || _ws.expert.severity >= warning || data)`,
    ])
      .toString()
      .trim();
    expect(problems).toBe('');
    const synCount = tshark([...decode, '-Y', 'tcp.flags.syn == 1 && tcp.flags.ack == 0'])
      .toString()
      .trim()
      .split('\n').length;
    expect(synCount).toBe(1); // the capture saw the connection from its first packet
    const commandIds = tshark([...decode, '-Y', 'smpp', '-T', 'fields', '-e', 'smpp.command_id'])
      .toString()
      .split(/[\n,]/)
      .filter((s) => s.trim() !== '');
    expect(commandIds).toHaveLength(exchanged);
    // Receipts are deliver_sm (0x00000005) with esm_class 0x04 as the dissector reads them.
    const receiptCount = tshark([...decode, '-Y', 'smpp', '-T', 'fields', '-e', 'smpp.esm.submit.msg_type'])
      .toString()
      .split(/[\n,]/)
      .filter((s) => s.trim() === '0x01' || s.trim() === '1').length;
    expect(receiptCount).toBe(21);
  }, 30_000);
});
