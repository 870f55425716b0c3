import { timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';

/**
 * A password in front of the embedded database's port. pglite-socket (0.2.17) has no
 * authentication of its own: it hands the client's startup message to PGlite, which answers
 * "authenticated" to anyone who connects. So each connection is held here first: after the startup
 * message the client is asked for a password (PostgreSQL's cleartext request: the port is on
 * 127.0.0.1 only), and only with the right one is it handed, startup message and all, to
 * pglite-socket. A wrong or missing password gets PostgreSQL's own error (28P01) and the
 * connection is closed; nothing reaches the database.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
/** Longest first messages a client sends before it is let in; more is no client of ours. */
const MAX_MESSAGE = 10_000;

/**
 * Holds `socket` until it gives `password`, then calls `admit`, which attaches the protocol handler;
 * the client's startup message (and anything sent after the password) is then read by it as if
 * it had just arrived.
 */
export function requirePassword(socket: Socket, password: string, admit: () => void): void {
  const expected = Buffer.from(password);
  let buf = Buffer.alloc(0);
  let startup: Buffer | undefined;
  const refuse = (message: string) => {
    socket.off('data', onData);
    socket.end(errorResponse('28P01', message));
  };
  const onData = (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    if (buf.length > MAX_MESSAGE) return refuse('message too long');
    for (;;) {
      if (!startup) {
        // Untyped: length, then the protocol code.
        if (buf.length < 8) return;
        const len = buf.readInt32BE(0);
        if (len < 8 || len > MAX_MESSAGE) return refuse('bad startup message');
        if (buf.length < len) return;
        const code = buf.readInt32BE(4);
        const message = buf.subarray(0, len);
        buf = buf.subarray(len);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N');
          continue;
        }
        startup = Buffer.from(message);
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
        continue;
      }
      // Typed: 'p', length, the password and a NUL.
      if (buf.length < 5) return;
      const len = buf.readInt32BE(1);
      if (buf[0] !== 0x70 || len < 5) return refuse('password authentication failed for user "postgres"');
      if (buf.length < 1 + len) return;
      const given = buf.subarray(5, 1 + len - 1);
      const rest = buf.subarray(1 + len);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('password authentication failed for user "postgres"');
      socket.off('data', onData);
      socket.pause();
      admit();
      socket.unshift(Buffer.concat([startup, rest]));
      socket.resume();
      return;
    }
  };
  socket.on('data', onData);
}

/** PostgreSQL's ErrorResponse: severity FATAL, the code and the message. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0`),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}
