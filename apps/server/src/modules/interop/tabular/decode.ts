import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Text encodings of CSV files from Chinese hospitals: UTF-8 (with or without BOM, what newer systems and
 * WPS write), GB18030/GBK (what Excel "CSV" and older HIS exports write on Chinese Windows), UTF-16 (Excel
 * "Unicode text"), rarely Big5.
 *
 * The decision, in order:
 * 1. A BOM decides (UTF-8, UTF-16 LE/BE).
 * 2. NUL bytes at every other position without a BOM: UTF-16 LE/BE.
 * 3. ASCII bytes are the same in every candidate, so the decision waits for the first non-ASCII byte and
 *    looks at the (up to) 64 KB from there. If those bytes are valid UTF-8 the file is UTF-8: a valid UTF-8
 *    file is never decoded as GBK (long GBK text is essentially never valid UTF-8; the reverse guess is what
 *    produces mojibake).
 * 4. Otherwise chardet chooses; anything but Big5 or UTF-16 is read as GB18030 (a superset of GBK and
 *    GB2312): chardet often names a Japanese or Korean encoding or windows-1252 for short Chinese samples.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface EncodingDecision {
  encoding: TextEncodingName;
  /** How it was decided. */
  by: 'bom' | 'utf16-nuls' | 'ascii-only' | 'utf8-valid' | 'chardet' | 'default';
  /** chardet's answer when it was asked. */
  detected?: string;
}

export const ENCODING_SAMPLE_BYTES = 64 * 1024;

function bomOf(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without a BOM (rare: Excel's "Unicode text" has one) shows as NUL bytes in every other position
 * for Latin text. Real CSV text contains no NUL characters, so that pattern over at least 16 bytes decides.
 */
function utf16ByNuls(bytes: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = n / 2;
  if (oddNuls > pairs * 0.3 && evenNuls < pairs * 0.05) return 'utf-16le';
  if (evenNuls > pairs * 0.3 && oddNuls < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** Whether the bytes are valid UTF-8; with `truncated`, a sequence cut at the end is allowed. */
export function isValidUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

/**
 * chardet's statistics on a non-UTF-8 sample. Big5 only on a clear lead over GB18030: on a few characters
 * chardet answers Big5, EUC-JP, EUC-KR and GB18030 with the same low confidence, and GBK bytes are almost
 * always valid Big5 too, so the mainland default must win the doubtful cases.
 */
function byChardet(sample: Uint8Array): EncodingDecision {
  const matches = chardet.analyse(sample);
  const detected = matches[0]?.name;
  const confidence = (name: string) => matches.find((m) => m.name === name)?.confidence ?? 0;
  const gb = confidence('GB18030');
  let encoding: TextEncodingName = 'gb18030';
  if (confidence('Big5') >= 50 && confidence('Big5') > gb + 20) encoding = 'big5';
  else if (confidence('UTF-16LE') >= 50) encoding = 'utf-16le';
  else if (confidence('UTF-16BE') >= 50) encoding = 'utf-16be';
  const by = encoding !== 'gb18030' || gb >= 50 ? 'chardet' : 'default';
  return detected === undefined ? { encoding, by } : { encoding, by, detected };
}

/**
 * Decide the encoding from the bytes read so far (`final`: the whole rest of the file). `atStart` says the
 * bytes begin at the start of the file (only there can a BOM or UTF-16 be seen). Returns undefined when
 * more bytes are needed (fewer than 64 KB after the first non-ASCII byte), or 'ascii' when everything so
 * far is ASCII (the caller may pass it on and keep waiting).
 */
export function decideEncoding(
  bytes: Uint8Array,
  final: boolean,
  atStart = true,
): EncodingDecision | 'ascii' | undefined {
  if (atStart) {
    // Enough bytes for the BOM and UTF-16 checks before anything is passed on.
    if (bytes.length < 64 && !final) return undefined;
    const bom = bomOf(bytes);
    if (bom) return { encoding: bom, by: 'bom' };
    const utf16 = utf16ByNuls(bytes);
    if (utf16) return { encoding: utf16, by: 'utf16-nuls' };
  }
  const start = firstNonAscii(bytes);
  if (start < 0) return final ? { encoding: 'utf-8', by: 'ascii-only' } : 'ascii';
  const sample = bytes.subarray(start, start + ENCODING_SAMPLE_BYTES);
  if (!final && sample.length < ENCODING_SAMPLE_BYTES) return undefined;
  const truncated = start + ENCODING_SAMPLE_BYTES < bytes.length || !final;
  if (isValidUtf8(sample, truncated)) return { encoding: 'utf-8', by: 'utf8-valid' };
  return byChardet(sample);
}

/** Decoded text of a byte stream; `encoding` is set once the decision is made (at the latest at the end). */
export interface DecodedText extends AsyncIterable<string> {
  readonly encoding: EncodingDecision | undefined;
}

/**
 * Decode a byte stream incrementally with iconv-lite's streaming decoders (a character split across chunks
 * is completed by the next chunk). Memory stays bounded: before the decision at most the first non-ASCII
 * byte plus 64 KB is held; leading ASCII is passed on as it comes. A BOM is removed.
 */
export function decodeText(source: AsyncIterable<Uint8Array>): DecodedText {
  const state: { encoding: EncodingDecision | undefined } = { encoding: undefined };
  async function* run(): AsyncGenerator<string> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let atStart = true;
    let decoder: iconv.DecoderStream | undefined;
    // Undecided bytes are looked at again only when they have doubled: linear work for tiny chunks too.
    let nextLook = 64;
    const decide = (final: boolean): string => {
      if (!final && pendingBytes < nextLook) return '';
      const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      const decision = decideEncoding(bytes, final, atStart);
      if (decision === undefined) {
        nextLook = pendingBytes * 2;
        return '';
      }
      nextLook = 64;
      pending = [];
      pendingBytes = 0;
      atStart = false;
      if (decision === 'ascii') return bytes.toString('latin1');
      state.encoding = decision;
      decoder = iconv.getDecoder(decision.encoding, { stripBOM: true });
      return decoder.write(bytes);
    };
    for await (const chunk of source) {
      if (chunk.byteLength === 0) continue;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (decoder) {
        const text = decoder.write(buffer);
        if (text) yield text;
        continue;
      }
      pending.push(buffer);
      pendingBytes += buffer.length;
      const text = decide(false);
      if (text) yield text;
    }
    if (!decoder && pendingBytes > 0) {
      const text = decide(true);
      if (text) yield text;
    }
    if (decoder) {
      const rest = decoder.end();
      if (rest) yield rest;
    } else {
      state.encoding = { encoding: 'utf-8', by: 'ascii-only' };
    }
  }
  const iterable = run();
  return {
    get encoding() {
      return state.encoding;
    },
    [Symbol.asyncIterator]: () => iterable,
  };
}
