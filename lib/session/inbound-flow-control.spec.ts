import { describe, it, expect } from '@jest/globals';
import net from 'node:net';
import { InboundFlowControl } from './inbound-flow-control.js';

describe('InboundFlowControl', () => {
  it('pauses reading when maxPending handlers are running and resumes when one finishes', () => {
    const socket = new net.Socket();
    const flow = new InboundFlowControl(2);
    flow.begin(socket);
    expect(socket.isPaused()).toBe(false);
    flow.begin(socket);
    expect(flow.pending).toBe(2);
    expect(socket.isPaused()).toBe(true);
    flow.end(socket);
    expect(flow.pending).toBe(1);
    expect(socket.isPaused()).toBe(false);
    socket.destroy();
  });

  it('starts over on reset: nothing pending, reading not paused', () => {
    const socket = new net.Socket();
    const flow = new InboundFlowControl(1);
    flow.begin(socket);
    expect(socket.isPaused()).toBe(true);
    flow.reset();
    expect(flow.pending).toBe(0);
    const next = new net.Socket();
    flow.begin(next);
    expect(next.isPaused()).toBe(true);
    socket.destroy();
    next.destroy();
  });
});
