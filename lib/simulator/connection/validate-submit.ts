import { CommandStatus } from '../../protocol/command-status.js';
import type { DataSm, SubmitMulti, SubmitSm } from '../../protocol/pdu.types.js';

/** SMPP 3.4 §7.1.1: `YYMMDDhhmmsstnnp`, with p `+`/`-` (absolute, nn 00-48 quarter hours) or `R` (relative). */
const SMPP_TIME = /^\d{12}\d(\d{2})[+\-R]$/;

/** Whether a time field is NULL or in the §7.1.1 format. */
export function isValidSmppTime(value: string): boolean {
  if (value === '') return true;
  const match = SMPP_TIME.exec(value);
  return match !== null && Number(match[1]) <= 48;
}

/**
 * The command_status an SMSC answers a decoded submit with, or ESME_ROK.
 *
 * @remarks
 * The codec decodes liberally (over-long C-Octet Strings, any time text) so that the receiver can answer with a
 * precise status; these are the SMSC's checks, each the status SMPP 3.4 Table 5-2 names for the field:
 * service_type max 6 (§5.2.11) ESME_RINVSERTYP; source_addr max 21 (§5.2.8) ESME_RINVSRCADR; destination_addr
 * present and max 21 (§5.2.9) ESME_RINVDSTADR; priority_flag 0-3 (§5.2.14) ESME_RINVPRTFLG; registered_delivery
 * bits 1-0 = 11 reserved (§5.2.17) ESME_RINVREGDLVFLG; schedule_delivery_time and validity_period in §7.1.1
 * format ESME_RINVSCHED / ESME_RINVEXPIRY; short_message at most 254 octets and never together with
 * message_payload (§5.2.21) ESME_RINVMSGLEN; submit_multi 1-254 destinations (§5.2.24) ESME_RINVNUMDESTS.
 * Sizes include the NUL, so the character limits are one less.
 */
export function validateSubmit(pdu: SubmitSm | DataSm | SubmitMulti): number {
  if (pdu.service_type.length > 5) return CommandStatus.ESME_RINVSERTYP;
  if (pdu.source_addr.length > 20) return CommandStatus.ESME_RINVSRCADR;
  if ((pdu.registered_delivery & 0x03) === 0x03) return CommandStatus.ESME_RINVREGDLVFLG;
  if (pdu.command === 'submit_multi') {
    if (pdu.dest_addresses.length === 0 || pdu.dest_addresses.length > 254)
      return CommandStatus.ESME_RINVNUMDESTS;
    for (const dest of pdu.dest_addresses) {
      if (dest.dest_flag === 1 && (dest.destination_addr === '' || dest.destination_addr.length > 20)) {
        return CommandStatus.ESME_RINVDSTADR;
      }
    }
  } else if (pdu.destination_addr === '' || pdu.destination_addr.length > 20) {
    return CommandStatus.ESME_RINVDSTADR;
  }
  if (pdu.command === 'data_sm') return CommandStatus.ESME_ROK;
  if (pdu.priority_flag > 3) return CommandStatus.ESME_RINVPRTFLG;
  if (!isValidSmppTime(pdu.schedule_delivery_time)) return CommandStatus.ESME_RINVSCHED;
  if (!isValidSmppTime(pdu.validity_period)) return CommandStatus.ESME_RINVEXPIRY;
  if (pdu.short_message.length > 254) return CommandStatus.ESME_RINVMSGLEN;
  if (pdu.short_message.length > 0 && pdu.tlvs?.message_payload !== undefined)
    return CommandStatus.ESME_RINVMSGLEN;
  return CommandStatus.ESME_ROK;
}
