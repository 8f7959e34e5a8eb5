import { describe, expect, it } from 'vitest';
import { decodeMllpPayload, encodeMllp, MllpDecoder, type MllpEvent } from './mllp-framing';

const frames = (events: MllpEvent[]): string[] =>
  events
    .filter((e) => e.type === 'frame')
    .map((e) => (e.type === 'frame' ? decodeMllpPayload(e.payload) : ''));
const errors = (events: MllpEvent[]) => events.filter((e) => e.type === 'error');

const A = 'MSH|^~\\&|HIS|H|CRM|C|20250301||ADT^A01|1|P|2.5\rPID|1||1^^^H^MR||张^三';
const B = 'MSH|^~\\&|HIS|H|CRM|C|20250301||ADT^A08|2|P|2.5';
const C = 'x';

describe('MLLP framing', () => {
  it('encodes <VT>message<FS><CR> as UTF-8 and decodes it back', () => {
    const framed = encodeMllp(A);
    expect(framed[0]).toBe(0x0b);
    expect([...framed.subarray(-2)]).toEqual([0x1c, 0x0d]);
    expect(frames(new MllpDecoder().push(framed))).toEqual([A]);
    expect(decodeMllpPayload(Buffer.from('\uFEFFMSH|x', 'utf8'))).toBe('MSH|x');
  });

  it('decodes a stream split at every byte position, and byte by byte', () => {
    const stream = Buffer.concat([encodeMllp(A), encodeMllp(B), Buffer.from('\r\n'), encodeMllp(C)]);
    for (let i = 0; i <= stream.length; i++) {
      const decoder = new MllpDecoder();
      const events = [...decoder.push(stream.subarray(0, i)), ...decoder.push(stream.subarray(i))];
      expect(frames(events), `split at ${i}`).toEqual([A, B, C]);
      expect(errors(events), `split at ${i}`).toEqual([]);
      expect(decoder.buffered).toBe(0);
    }
    for (let i = 0; i < stream.length; i += 7) {
      for (let j = i; j <= stream.length; j += 11) {
        const decoder = new MllpDecoder();
        const events = [i, j, stream.length].flatMap((end, k, ends) =>
          decoder.push(stream.subarray(k === 0 ? 0 : ends[k - 1], end)),
        );
        expect(frames(events)).toEqual([A, B, C]);
      }
    }
    const decoder = new MllpDecoder();
    const events = [...stream].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(frames(events)).toEqual([A, B, C]);
  });

  it('returns many frames from one chunk, in order', () => {
    const messages = Array.from({ length: 100 }, (_, i) => `MSH|^~\\&|X|||||ADT^A08|${i}`);
    const events = new MllpDecoder().push(Buffer.concat(messages.map((m) => encodeMllp(m))));
    expect(frames(events)).toEqual(messages);
  });

  it('skips bytes between frames and reports them (but not whitespace)', () => {
    const decoder = new MllpDecoder();
    const events = decoder.push(
      Buffer.concat([
        Buffer.from('junk'),
        encodeMllp(A),
        Buffer.from('\n'),
        Buffer.from('more'),
        encodeMllp(B),
      ]),
    );
    expect(frames(events)).toEqual([A, B]);
    expect(errors(events)).toEqual([
      { type: 'error', code: 'garbage', bytes: 4 },
      { type: 'error', code: 'garbage', bytes: 4 },
    ]);
  });

  it('tolerates a missing CR after FS and drops a frame interrupted by a new start block', () => {
    const noCr = Buffer.concat([Buffer.from([0x0b]), Buffer.from(A), Buffer.from([0x1c]), encodeMllp(B)]);
    expect(frames(new MllpDecoder().push(noCr))).toEqual([A, B]);
    const interrupted = Buffer.concat([Buffer.from([0x0b]), Buffer.from('MSH|half'), encodeMllp(B)]);
    const events = new MllpDecoder().push(interrupted);
    expect(frames(events)).toEqual([B]);
    expect(errors(events)).toEqual([{ type: 'error', code: 'incomplete_frame', bytes: 8 }]);
  });

  it('rejects an oversize frame with an error instead of buffering it, then continues', () => {
    const decoder = new MllpDecoder({ maxMessageBytes: 16 });
    const big = encodeMllp('X'.repeat(1000));
    const events: MllpEvent[] = [];
    for (let i = 0; i < big.length; i += 10) {
      events.push(...decoder.push(big.subarray(i, i + 10)));
      expect(decoder.buffered).toBeLessThanOrEqual(16);
    }
    events.push(...decoder.push(encodeMllp('small')));
    expect(errors(events)).toEqual([{ type: 'error', code: 'oversize', limit: 16 }]);
    expect(frames(events)).toEqual(['small']);
    // Exactly the limit is fine.
    expect(frames(new MllpDecoder({ maxMessageBytes: 5 }).push(encodeMllp('12345')))).toEqual(['12345']);
  });
});
