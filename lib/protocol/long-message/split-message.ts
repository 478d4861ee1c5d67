import { chooseDataCoding } from '../encoding/choose-data-coding.js';
import { DataCoding } from '../encoding/data-coding.constants.js';
import { baseDataCoding } from '../encoding/data-coding-scheme.js';
import { gsm7Codec, gsm7PackedCodec } from '../encoding/gsm7.codec.js';
import type { TextCodec } from '../encoding/text-codec.interface.js';
import { defaultTextCodecs } from '../encoding/text-codec.registry.js';
import { UnencodableTextError } from '../encoding/unencodable-text.error.js';
import { buildConcatUdh } from './concat-udh.js';
import { InvalidSplitOptionsError } from './invalid-split-options.error.js';
import {
  ESM_CLASS_UDHI,
  MAX_MESSAGE_PAYLOAD_OCTETS,
  MAX_SHORT_MESSAGE_OCTETS,
  PART_CAPACITY,
  type SplitMethod,
} from './long-message.constants.js';
import type { MessagePart } from './message-part.interface.js';
import { PayloadTooLargeError } from './payload-too-large.error.js';
import type {
  SplitBinaryOptions,
  SplitCommonOptions,
  SplitMessageOptions,
} from './split-options.interface.js';
import { TooManyPartsError } from './too-many-parts.error.js';

const EMPTY = Buffer.alloc(0);

/**
 * Encodes `text` and splits it into submit_sm-ready parts when it does not fit one message.
 *
 * @remarks
 * - Capacity per part follows the codec's unit: GSM 7-bit 160 / 153 (udh8) / 152 (udh16), 8-bit
 *   140 / 134 / 133, UCS2 70 / 67 / 66 code units; SAR parts get the full 160 / 140 / 70.
 * - Parts are cut between code points, so a GSM escape pair (TS 23.038 §6.2.1.1) or a UTF-16 surrogate
 *   pair is never split and no part exceeds its capacity. (Grapheme clusters such as flag emoji may be
 *   split; handsets rejoin them on display.)
 * - Packed GSM after a UDH gets fill bits (TS 23.040 §9.2.3.24).
 *
 * @throws UnencodableTextError when the data_coding's charset lacks a character (nothing is substituted).
 * @throws UnknownDataCodingError when no codec is registered for the data_coding.
 * @throws TooManyPartsError when more than `maxParts` parts would be needed.
 * @throws PayloadTooLargeError for method `'payload'` beyond 65535 octets.
 * @throws InvalidSplitOptionsError for a bad reference, maxParts, or `packed` with a non-GSM data_coding.
 *
 * @example
 * const parts = splitMessage(text, { reference: nextRef() });
 * for (const part of parts) await session.submit({ command: 'submit_sm', ...addresses, ...part });
 */
export function splitMessage(text: string, options: SplitMessageOptions): MessagePart[] {
  const method = validateCommon(options);
  if (options.dataCoding === undefined && !options.packed && text.length <= PART_CAPACITY.septet.single) {
    const single = singleGsmPart(text, options);
    if (single !== undefined) return [single];
  }
  const dataCoding = options.dataCoding ?? chooseDataCoding(text);
  const codec = pickCodec(dataCoding, options);
  const whole = encodeNaming(codec, text, dataCoding);
  const esmClass = options.esmClass ?? 0;
  const capacity = PART_CAPACITY[codec.unit];

  if (whole.length <= MAX_SHORT_MESSAGE_OCTETS && codec.measure(text) <= capacity.single) {
    return [{ short_message: whole, esm_class: esmClass, data_coding: dataCoding }];
  }
  if (method === 'payload') return [payloadPart(whole, esmClass, dataCoding)];

  const texts = cutText(text, codec, capacity[method]);
  const total = assertPartCount(texts.length, options);
  return texts.map((partText, i) => {
    if (method === 'sar') {
      return sarPart(codec.encode(partText), options.reference, total, i + 1, esmClass, dataCoding);
    }
    const udh = buildConcatUdh(method === 'udh8' ? 8 : 16, options.reference, total, i + 1);
    const body = codec.encodeAfterHeader
      ? codec.encodeAfterHeader(partText, udh.length)
      : codec.encode(partText);
    return {
      short_message: Buffer.concat([udh, body]),
      esm_class: esmClass | ESM_CLASS_UDHI,
      data_coding: dataCoding,
    };
  });
}

/**
 * The common message, short text in the GSM alphabet with the built-in codec for 0x00, in two passes over the
 * text instead of four (choose the data_coding, measure, encode, measure again): the result is the one the
 * general path gives. Undefined when the text is not that message.
 */
function singleGsmPart(text: string, options: SplitMessageOptions): MessagePart | undefined {
  if ((options.registry ?? defaultTextCodecs).get(DataCoding.SMSC_DEFAULT) !== gsm7Codec) return undefined;
  const septets = gsm7Codec.countSeptets(text);
  if (septets < 0 || septets > PART_CAPACITY.septet.single) return undefined;
  return {
    short_message: gsm7Codec.toSeptets(text, septets),
    esm_class: options.esmClass ?? 0,
    data_coding: DataCoding.SMSC_DEFAULT,
  };
}

/**
 * Splits raw octets (binary content, or text you encoded yourself) into submit_sm-ready parts:
 * 140 octets fit one message, 134 per part with an 8-bit-reference UDH, 133 with a 16-bit one, 140 with SAR.
 *
 * @throws TooManyPartsError, PayloadTooLargeError, InvalidSplitOptionsError as {@link splitMessage}.
 */
export function splitBinary(bytes: Buffer, options: SplitBinaryOptions): MessagePart[] {
  const method = validateCommon(options);
  const dataCoding = options.dataCoding ?? DataCoding.OCTET_UNSPECIFIED_2;
  const esmClass = options.esmClass ?? 0;
  const capacity = PART_CAPACITY.octet;

  if (bytes.length <= capacity.single)
    return [{ short_message: bytes, esm_class: esmClass, data_coding: dataCoding }];
  if (method === 'payload') return [payloadPart(bytes, esmClass, dataCoding)];

  const size = capacity[method];
  const total = assertPartCount(Math.ceil(bytes.length / size), options);
  const parts: MessagePart[] = [];
  for (let i = 0; i < total; i++) {
    const chunk = bytes.subarray(i * size, (i + 1) * size);
    if (method === 'sar') {
      parts.push(sarPart(chunk, options.reference, total, i + 1, esmClass, dataCoding));
    } else {
      const udh = buildConcatUdh(method === 'udh8' ? 8 : 16, options.reference, total, i + 1);
      parts.push({
        short_message: Buffer.concat([udh, chunk]),
        esm_class: esmClass | ESM_CLASS_UDHI,
        data_coding: dataCoding,
      });
    }
  }
  return parts;
}

/**
 * Cuts `text` into the fewest pieces of at most `capacity` units each, between code points.
 *
 * @remarks
 * Each piece is the longest prefix that fits, found by binary search over `codec.measure`, which keeps this
 * right for stateful charsets (ISO-2022-JP escapes) as well as for GSM escape pairs and surrogate pairs.
 */
function cutText(text: string, codec: TextCodec, capacity: number): string[] {
  // offsets[k] = UTF-16 index where the k-th code point starts, so pieces are cheap substrings.
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) offsets.push(i);
  const count = offsets.length;
  offsets.push(text.length);
  const piece = (from: number, to: number) => text.slice(offsets[from], offsets[to]);

  const pieces: string[] = [];
  let start = 0;
  while (start < count) {
    // Every character costs at least one unit, so a piece never holds more than `capacity` characters.
    const most = Math.min(capacity, count - start);
    let fits = 0;
    // The last piece, and any piece of one-unit characters, fits whole: one measure instead of a search.
    if (codec.measure(piece(start, start + most)) <= capacity) {
      fits = most;
    } else {
      let low = 1;
      let high = most - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (codec.measure(piece(start, start + mid)) <= capacity) {
          fits = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
    }
    if (fits === 0) {
      throw new InvalidSplitOptionsError(
        'dataCoding',
        `the character "${piece(start, start + 1)}" alone exceeds a part's capacity of ${capacity} units with ${codec.name}.`,
      );
    }
    pieces.push(piece(start, start + fits));
    start += fits;
  }
  return pieces;
}

function pickCodec(dataCoding: number, options: SplitMessageOptions): TextCodec {
  if (!options.packed) return (options.registry ?? defaultTextCodecs).require(dataCoding);
  if (baseDataCoding(dataCoding) !== DataCoding.SMSC_DEFAULT) {
    throw new InvalidSplitOptionsError(
      'packed',
      `packing applies to GSM 7-bit text only (data_coding 0x00, 0xC0-0xDF, 0xF0-0xF3); got 0x${dataCoding.toString(16)}.`,
    );
  }
  return gsm7PackedCodec;
}

function validateCommon(options: SplitCommonOptions): SplitMethod {
  const method = options.method ?? 'udh8';
  if (!['udh8', 'udh16', 'sar', 'payload'].includes(method)) {
    throw new InvalidSplitOptionsError(
      'method',
      `must be 'udh8', 'udh16', 'sar' or 'payload'; got "${method}".`,
    );
  }
  if (!Number.isSafeInteger(options.reference) || options.reference < 0) {
    throw new InvalidSplitOptionsError(
      'reference',
      `must be a non-negative integer (a running counter); got ${options.reference}.`,
    );
  }
  const maxParts = options.maxParts ?? 255;
  if (!Number.isInteger(maxParts) || maxParts < 1 || maxParts > 255) {
    throw new InvalidSplitOptionsError(
      'maxParts',
      `must be an integer 1-255 (part counts travel in one octet); got ${maxParts}.`,
    );
  }
  return method;
}

function assertPartCount(parts: number, options: SplitCommonOptions): number {
  const maxParts = options.maxParts ?? 255;
  if (parts > maxParts) throw new TooManyPartsError(parts, maxParts);
  return parts;
}

function payloadPart(content: Buffer, esmClass: number, dataCoding: number): MessagePart {
  if (content.length > MAX_MESSAGE_PAYLOAD_OCTETS) throw new PayloadTooLargeError(content.length);
  // SMPP 3.4 §5.2.21: with message_payload, sm_length is 0 and short_message empty.
  return {
    short_message: EMPTY,
    esm_class: esmClass,
    data_coding: dataCoding,
    tlvs: { message_payload: content },
  };
}

function sarPart(
  body: Buffer,
  reference: number,
  total: number,
  seq: number,
  esmClass: number,
  dataCoding: number,
): MessagePart {
  return {
    short_message: body,
    // SMPP 3.4 §5.2.12: SAR parameters cannot be used with the UDHI flag set.
    esm_class: esmClass & ~ESM_CLASS_UDHI,
    data_coding: dataCoding,
    tlvs: { sar_msg_ref_num: reference & 0xffff, sar_total_segments: total, sar_segment_seqnum: seq },
  };
}

function encodeNaming(codec: TextCodec, text: string, dataCoding: number): Buffer {
  // Not a closure-taking helper: this runs once per message on the send path.
  try {
    return codec.encode(text);
  } catch (error) {
    if (error instanceof UnencodableTextError && error.dataCoding === undefined) {
      throw error.withDataCoding(dataCoding);
    }
    throw error;
  }
}
