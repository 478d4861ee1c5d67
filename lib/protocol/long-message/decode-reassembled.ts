import {
  defaultTextCodecs,
  type DecodedText,
  type TextCodecRegistry,
} from '../encoding/text-codec.registry.js';
import type { ReassembledMessage } from './reassembler.interface.js';

/**
 * Decodes a reassembled long message with the registry's codec for its data_coding.
 *
 * @remarks
 * Codecs with `decodeAfterHeader` (packed GSM) decode part by part, each after its own UDH and fill bits.
 * Others decode the concatenated bytes at once, so a character a non-compliant sender split across parts
 * (half a surrogate pair in each) still comes out whole. Binary and unknown data_codings yield no `text`.
 */
export function decodeReassembled(
  message: Pick<ReassembledMessage, 'parts' | 'bytes' | 'dataCoding'>,
  registry: TextCodecRegistry = defaultTextCodecs,
): DecodedText {
  const codec = registry.get(message.dataCoding);
  if (codec?.kind === 'text' && codec.decodeAfterHeader) {
    const text = message.parts.map((p) => codec.decodeAfterHeader!(p.payload, p.headerLength)).join('');
    return { text, bytes: message.bytes, dataCoding: message.dataCoding };
  }
  return registry.decode(message.bytes, message.dataCoding);
}
