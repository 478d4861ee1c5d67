import net from 'node:net';
import tls from 'node:tls';
import { ConnectError } from './errors/connect.error.js';
import type { SmppTlsOptions } from './smpp-session-options.interface.js';

/** What {@link connectSocket} needs. */
export interface ConnectSocketOptions {
  host: string;
  port: number;
  /** true for TLS with the defaults, or TLS settings; falsy for plain TCP. */
  tls?: boolean | SmppTlsOptions;
  timeoutMs: number;
  /** Aborts the attempt (the session was closed meanwhile): rejects with a ConnectError, destroys the socket. */
  signal?: AbortSignal;
}

/**
 * Opens a TCP connection, or a TLS one with certificate verification on by default, within a timeout.
 *
 * @remarks
 * TLS resolves only after the handshake and verification succeeded (`secureConnect`), so a bad certificate is a
 * ConnectError, never a half-open session. `servername` defaults to `host` unless `host` is an IP address
 * (SNI forbids IP addresses, RFC 6066 §3).
 * @throws ConnectError naming `host:port` and the cause (refused, unreachable, timed out, TLS verification).
 */
export function connectSocket(options: ConnectSocketOptions): Promise<net.Socket> {
  const { host, port, timeoutMs, signal } = options;
  return new Promise<net.Socket>((resolve, reject) => {
    let settled = false;
    const tlsOptions = options.tls ? (options.tls === true ? {} : options.tls) : undefined;
    const socket: net.Socket = tlsOptions
      ? tls.connect({
          host,
          port,
          ca: tlsOptions.ca,
          cert: tlsOptions.cert,
          key: tlsOptions.key,
          servername: tlsOptions.servername ?? (net.isIP(host) === 0 ? host : undefined),
          rejectUnauthorized: tlsOptions.rejectUnauthorized ?? true,
        })
      : net.connect({ host, port });

    const fail = (reason: string, cause?: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      socket.destroy();
      reject(new ConnectError(host, port, reason, cause));
    };
    const onConnected = (): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error): void => fail(describeConnectFailure(error), error);
    const onClose = (): void => fail('connection closed during connect');
    const onAbort = (): void => fail('aborted: the session was closed');
    const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);

    function cleanup(): void {
      clearTimeout(timer);
      socket.off(tlsOptions ? 'secureConnect' : 'connect', onConnected);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    }

    // A stray 'error' after settling must never become an uncaught exception.
    socket.on('error', () => undefined);
    socket.once(tlsOptions ? 'secureConnect' : 'connect', onConnected);
    socket.once('error', onError);
    socket.once('close', onClose);
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function describeConnectFailure(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the SMSC listening on this port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host name not resolved (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${code})`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate rejected: ${error.message} (${code}); trust the SMSC's CA with tls.ca or fix tls.servername`;
    default:
      return code ? `${error.message} (${code})` : error.message;
  }
}
