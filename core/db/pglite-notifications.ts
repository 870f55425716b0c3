/**
 * LISTEN / NOTIFY between the socket clients of PGlite's one session.
 *
 * Every client shares that session, so PostgreSQL hands a notification to whichever client's
 * statement committed it: the notifier receives it, and the client that asked to LISTEN never
 * does. Without this, the outbox relay's wake-up and BullMQ's wait for a new job (both a LISTEN)
 * heard nothing on the embedded database and fell back to polling, a tenth of a second per hop.
 *
 * Here each client's LISTEN and UNLISTEN are read from the statements it sends, and each
 * NotificationResponse in the session's output is taken out of the stream it landed in and written
 * to every client listening on its channel instead, as a server writes one between queries.
 */

const QUERY = 0x51; // 'Q': a simple query, its text after the length
const PARSE = 0x50; // 'P': a statement name, then its text
const NOTIFICATION = 0x41; // 'A': process id, channel, payload

const LISTEN_STATEMENT = /\b(UN)?LISTEN\s+(\*|"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/gi;

const decoder = new TextDecoder();

/** What a client sends, to the session or to its socket: whole protocol messages. */
export type ClientWriter = (data: Uint8Array) => void;

export class PgliteNotifications {
  readonly #listeners = new Map<number, { channels: Set<string>; write: ClientWriter }>();

  /** Reads a LISTEN or UNLISTEN from a message that a client is about to send to the session. */
  noteStatement(clientId: number, message: Uint8Array, write: ClientWriter): void {
    if (message[0] !== QUERY && message[0] !== PARSE) return;
    let text = cString(message, 5);
    if (message[0] === PARSE) text = cString(message, 5 + Buffer.byteLength(text) + 1);
    if (!/LISTEN/i.test(text)) return;
    for (const [, un, , quoted, bare] of text.matchAll(LISTEN_STATEMENT)) {
      const listener = this.#listeners.get(clientId) ?? { channels: new Set<string>(), write };
      listener.write = write;
      // An unquoted identifier is folded to lower case, as PostgreSQL does.
      const channel = quoted !== undefined ? quoted.replaceAll('""', '"') : bare === undefined ? '*' : bare.toLowerCase();
      if (!un) listener.channels.add(channel);
      else if (channel === '*') listener.channels.clear();
      else listener.channels.delete(channel);
      if (listener.channels.size) this.#listeners.set(clientId, listener);
      else this.#listeners.delete(clientId);
    }
  }

  /** A client that left listens no more. */
  forget(clientId: number): void {
    this.#listeners.delete(clientId);
  }

  /**
   * The session's output for one message of `clientId`, as it comes: in pieces that may split a
   * protocol message. Whole messages are written on to `write`, less the notifications this client
   * does not listen for; those go to the clients that do.
   */
  output(clientId: number, write: ClientWriter): { push(piece: Uint8Array): void; end(): void } {
    let pending: Uint8Array | undefined;
    return {
      push: (piece) => {
        if (!pending && this.#listeners.size === 0) return write(piece);
        const data = pending ? Buffer.concat([pending, piece]) : piece;
        const whole = this.#routeWhole(clientId, data, write);
        pending = whole < data.length ? data.slice(whole) : undefined;
      },
      end: () => {
        if (pending) write(pending);
        pending = undefined;
      },
    };
  }

  /** Routes the whole messages at the start of `data`; returns where they end. */
  #routeWhole(clientId: number, data: Uint8Array, write: ClientWriter): number {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let kept = 0;
    let at = 0;
    const out: Uint8Array[] = [];
    while (at + 5 <= data.length) {
      const end = at + 1 + view.getInt32(at + 1);
      if (end > data.length) break;
      if (data[at] === NOTIFICATION) {
        const channel = cString(data, at + 9);
        for (const [id, listener] of this.#listeners) {
          if (id !== clientId && listener.channels.has(channel)) listener.write(data.slice(at, end));
        }
        if (!this.#listeners.get(clientId)?.channels.has(channel)) {
          out.push(data.subarray(kept, at));
          kept = end;
        }
      }
      at = end;
    }
    out.push(data.subarray(kept, at));
    const whole = out.length === 1 ? out[0] : Buffer.concat(out);
    if (whole.length) write(whole);
    return at;
  }
}

function cString(bytes: Uint8Array, start: number): string {
  const end = bytes.indexOf(0, start);
  return decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
}
