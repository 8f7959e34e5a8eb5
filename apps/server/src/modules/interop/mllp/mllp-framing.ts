/**
 * MLLP (Minimal Lower Layer Protocol, HL7 v2 appendix C) framing: <VT 0x0B> message <FS 0x1C><CR 0x0D>.
 *
 * `MllpDecoder` is a streaming decoder: feed it chunks as they arrive and it returns the events they
 * complete. A frame may be split across any number of chunks, a chunk may hold many frames, bytes between
 * frames are skipped (reported once per run as 'garbage'), and a frame growing past `maxMessageBytes` is
 * reported as 'oversize' and discarded up to its end block instead of being buffered.
 */

export const MLLP_START = 0x0b;
export const MLLP_END = 0x1c;
export const MLLP_CR = 0x0d;

export type MllpEvent =
  | { type: 'frame'; payload: Buffer }
  /** Bytes outside any frame were skipped. */
  | { type: 'error'; code: 'garbage'; bytes: number }
  /** A frame exceeded the limit; its bytes are being discarded up to the end block. */
  | { type: 'error'; code: 'oversize'; limit: number }
  /** A start block arrived inside a frame: the unfinished frame was dropped. */
  | { type: 'error'; code: 'incomplete_frame'; bytes: number };

export interface MllpDecoderOptions {
  /** Largest message accepted, in bytes (payload, without framing). Default 10 MiB. */
  maxMessageBytes?: number;
}

type State = 'idle' | 'frame' | 'discard' | 'after_end';

export class MllpDecoder {
  private readonly max: number;
  private state: State = 'idle';
  private parts: Buffer[] = [];
  private size = 0;
  private garbage = 0;

  constructor(options: MllpDecoderOptions = {}) {
    this.max = options.maxMessageBytes ?? 10 * 1024 * 1024;
  }

  /** Bytes of an unfinished frame currently held. */
  get buffered(): number {
    return this.size;
  }

  push(chunk: Buffer): MllpEvent[] {
    const events: MllpEvent[] = [];
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      switch (this.state) {
        case 'after_end': {
          // The CR after FS; tolerate its absence.
          if (chunk[pos] === MLLP_CR) pos++;
          this.state = 'idle';
          break;
        }
        case 'idle': {
          const start = chunk.indexOf(MLLP_START, pos);
          const stop = start < 0 ? len : start;
          this.garbage += countGarbage(chunk, pos, stop);
          if (start < 0) {
            pos = len;
            break;
          }
          this.flushGarbage(events);
          pos = start + 1;
          this.state = 'frame';
          this.parts = [];
          this.size = 0;
          break;
        }
        case 'frame': {
          const end = chunk.indexOf(MLLP_END, pos);
          const stop = end < 0 ? len : end;
          // A start block inside a frame: the sender gave up on the previous one.
          const found = chunk.subarray(pos, stop).indexOf(MLLP_START);
          const restart = found < 0 ? -1 : pos + found;
          if (restart >= 0) {
            events.push({ type: 'error', code: 'incomplete_frame', bytes: this.size + (restart - pos) });
            this.parts = [];
            this.size = 0;
            pos = restart + 1;
            break;
          }
          const piece = stop - pos;
          if (this.size + piece > this.max) {
            events.push({ type: 'error', code: 'oversize', limit: this.max });
            this.parts = [];
            this.size = 0;
            this.state = 'discard';
            break;
          }
          if (piece > 0) {
            this.parts.push(chunk.subarray(pos, stop));
            this.size += piece;
          }
          if (end < 0) {
            pos = len;
            break;
          }
          const payload =
            this.parts.length === 1 ? Buffer.from(this.parts[0]!) : Buffer.concat(this.parts, this.size);
          this.parts = [];
          this.size = 0;
          events.push({ type: 'frame', payload });
          pos = end + 1;
          this.state = 'after_end';
          break;
        }
        case 'discard': {
          const end = chunk.indexOf(MLLP_END, pos);
          if (end < 0) {
            pos = len;
            break;
          }
          pos = end + 1;
          this.state = 'after_end';
          break;
        }
      }
    }
    if (this.state === 'idle') this.flushGarbage(events);
    return events;
  }

  private flushGarbage(events: MllpEvent[]): void {
    if (this.garbage > 0) {
      events.push({ type: 'error', code: 'garbage', bytes: this.garbage });
      this.garbage = 0;
    }
  }
}

/** Bytes outside frames, not counting whitespace (a trailing LF some senders add is not worth reporting). */
function countGarbage(chunk: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = chunk[i];
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) n++;
  }
  return n;
}

/** Frame one message (a string is encoded as UTF-8). */
export function encodeMllp(message: string | Buffer): Buffer {
  const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  const out = Buffer.allocUnsafe(body.length + 3);
  out[0] = MLLP_START;
  body.copy(out, 1);
  out[body.length + 1] = MLLP_END;
  out[body.length + 2] = MLLP_CR;
  return out;
}

/** A frame's payload as text: UTF-8, without a byte-order mark. */
export function decodeMllpPayload(payload: Buffer): string {
  const start =
    payload.length >= 3 && payload[0] === 0xef && payload[1] === 0xbb && payload[2] === 0xbf ? 3 : 0;
  return payload.toString('utf8', start);
}
