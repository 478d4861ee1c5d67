/**
 * Minimal libpcap file writer: each payload becomes one packet of a synthetic Ethernet/IPv4/TCP stream
 * (checksums left at zero, which Wireshark does not verify by default). Test support for the tshark check.
 */

const ETHERNET = 1; // LINKTYPE_ETHERNET

function globalHeader(): Buffer {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(0xa1b2c3d4, 0); // magic, microsecond timestamps
  b.writeUInt16LE(2, 4); // version 2.4
  b.writeUInt16LE(4, 6);
  b.writeInt32LE(0, 8); // thiszone
  b.writeUInt32LE(0, 12); // sigfigs
  b.writeUInt32LE(262_144, 16); // snaplen
  b.writeUInt32LE(ETHERNET, 20);
  return b;
}

function packet(payload: Buffer, srcPort: number, dstPort: number, seq: number, index: number): Buffer {
  const eth = Buffer.alloc(14);
  Buffer.from([0x02, 0, 0, 0, 0, 0x02]).copy(eth, 0); // dst MAC
  Buffer.from([0x02, 0, 0, 0, 0, 0x01]).copy(eth, 6); // src MAC
  eth.writeUInt16BE(0x0800, 12); // IPv4

  const ip = Buffer.alloc(20);
  ip[0] = 0x45; // version 4, IHL 5
  ip.writeUInt16BE(20 + 20 + payload.length, 2);
  ip.writeUInt16BE(index & 0xffff, 4); // identification
  ip.writeUInt16BE(0x4000, 6); // don't fragment
  ip[8] = 64; // TTL
  ip[9] = 6; // TCP
  Buffer.from([10, 0, 0, 1]).copy(ip, 12);
  Buffer.from([10, 0, 0, 2]).copy(ip, 16);

  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(srcPort, 0);
  tcp.writeUInt16BE(dstPort, 2);
  tcp.writeUInt32BE(seq >>> 0, 4);
  tcp.writeUInt32BE(1, 8); // ack
  tcp[12] = 5 << 4; // data offset
  tcp[13] = 0x18; // PSH, ACK
  tcp.writeUInt16BE(65_535, 14); // window

  const frame = Buffer.concat([eth, ip, tcp, payload]);
  const record = Buffer.alloc(16);
  record.writeUInt32LE(1_700_000_000 + index, 0);
  record.writeUInt32LE(0, 4);
  record.writeUInt32LE(frame.length, 8);
  record.writeUInt32LE(frame.length, 12);
  return Buffer.concat([record, frame]);
}

/** A pcap file holding one TCP segment per payload, all in one stream from 10.0.0.1:srcPort to 10.0.0.2:dstPort. */
export function pcapOfTcpPayloads(payloads: Buffer[], dstPort: number, srcPort = 40_000): Buffer {
  const parts = [globalHeader()];
  let seq = 1;
  payloads.forEach((payload, i) => {
    parts.push(packet(payload, srcPort, dstPort, seq, i));
    seq += payload.length;
  });
  return Buffer.concat(parts);
}
