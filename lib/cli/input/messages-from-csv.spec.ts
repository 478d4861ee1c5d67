import { Readable } from 'node:stream';

import { describe, expect, it } from '@jest/globals';

import { InputError } from '../errors/input-error.js';
import { messagesFromCsv as fromStream } from './messages-from-csv.js';

const messagesFromCsv = (text: string, source: string) => fromStream(Readable.from([text]), source);

describe('messagesFromCsv', () => {
  it('maps to, from, text and correlationId; other columns become metadata', async () => {
    const [first, second] = await messagesFromCsv(
      'to,from,text,correlationId,campaign\n254700000001,NAZ,"Hi, there",c-1,spring\n254700000002,,Yo,,autumn\n',
      'batch.csv',
    );
    expect(first).toEqual({
      line: 2,
      message: {
        correlationId: 'c-1',
        to: '254700000001',
        from: 'NAZ',
        text: 'Hi, there',
        metadata: { campaign: 'spring' },
      },
    });
    expect(second!.message.from).toBeUndefined();
    expect(second!.message.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.message.metadata).toEqual({ campaign: 'autumn' });
  });

  it('matches known headers case-insensitively (correlation_id, To)', async () => {
    const [row] = await messagesFromCsv('To,TEXT,correlation_id\n1,x,id-9\n', 'b.csv');
    expect(row!.message).toEqual({ to: '1', text: 'x', correlationId: 'id-9' });
  });

  it('requires the to and text columns', async () => {
    await expect(messagesFromCsv('to,from\n1,2\n', 'b.csv')).rejects.toThrow(
      /b\.csv line 1: header has no "text" column/,
    );
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const error = await messagesFromCsv('to,text\n1,a\n2,b,c\n', 'b.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('b.csv line 3: 3 fields, but the header has 2');
    expect((error as InputError).line).toBe(3);
  });

  it('rejects an empty to and a repeated correlationId', async () => {
    await expect(messagesFromCsv('to,text\n,a\n', 'b.csv')).rejects.toThrow('b.csv line 2: "to" is empty');
    await expect(messagesFromCsv('to,text,correlationId\n1,a,x\n2,b,x\n', 'b.csv')).rejects.toThrow(
      'b.csv line 3: correlationId "x" appears twice',
    );
  });

  it('rejects an empty file', async () => {
    await expect(messagesFromCsv('', 'b.csv')).rejects.toThrow(/b\.csv: is empty/);
  });
});
