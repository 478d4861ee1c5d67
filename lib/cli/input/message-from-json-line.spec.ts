import { describe, expect, it } from '@jest/globals';

import { messageFromJsonLine } from './message-from-json-line.js';

describe('messageFromJsonLine', () => {
  it('reads a plain message object, bytes in base64', () => {
    const message = messageFromJsonLine('{"to":"2547","bytes":"AQI=","correlationId":"a"}', 'in.jsonl', 1);
    expect(message).toEqual({ to: '2547', bytes: Buffer.from([1, 2]), correlationId: 'a' });
  });

  it('gives a message without correlationId a UUID', () => {
    expect(messageFromJsonLine('{"to":"1","text":"x"}', 'stdin', 1).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the source, line and field of a bad message', () => {
    expect(() => messageFromJsonLine('{"text":"x"}', 'stdin', 7)).toThrow(/^stdin line 7: to must be/);
    expect(() => messageFromJsonLine('not json', 'in.jsonl', 2)).toThrow(/^in\.jsonl line 2: not JSON/);
    expect(() => messageFromJsonLine('[1]', 'in.jsonl', 3)).toThrow(
      /^in\.jsonl line 3: must be a JSON object/,
    );
  });
});
