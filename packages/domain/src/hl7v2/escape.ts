/**
 * HL7 v2 escape sequences (v2.8 chapter 2.7): how delimiter characters and line breaks travel inside a
 * field. Accessors decode them; anything we write into a message (ACK texts) is encoded with `escapeHl7`.
 */

/** The separators a message declares in MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** The truncation character (MSH-2 position 5, v2.7 and later), when declared. */
  truncation?: string;
}

export const DEFAULT_DELIMITERS: Readonly<Hl7Delimiters> = Object.freeze({
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
});

const HEX = /^[0-9A-Fa-f]+$/;
const utf8 = new TextDecoder('utf-8');

/**
 * Decode the escape sequences in one primitive value (a component or subcomponent, already split):
 * \F\ \S\ \T\ \R\ \E\ \P\ → the delimiters, \Xhh…\ → the bytes as UTF-8, \.br\ and \.sp\ → line breaks.
 * Highlighting (\H\ \N\), other formatting commands (\.in\ \.ti\ \.fi\ \.nf\ \.ce\ \.sk\) and character-set
 * switches (\C…\ \M…\) and local escapes (\Z…\) carry no text and are removed. A sequence that is not
 * closed, or unknown, is kept as written.
 */
export function unescapeHl7(value: string, d: Hl7Delimiters = DEFAULT_DELIMITERS): string {
  const esc = d.escape;
  let start = value.indexOf(esc);
  if (start < 0) return value;
  let out = '';
  let pos = 0;
  while (start >= 0) {
    const end = value.indexOf(esc, start + 1);
    if (end < 0) break;
    const body = value.slice(start + 1, end);
    const decoded = decodeSequence(body, d);
    if (decoded === undefined) {
      // Not an escape sequence: keep the escape character literally and look again from the next one.
      out += value.slice(pos, end);
      pos = end;
      start = end;
      continue;
    }
    out += value.slice(pos, start) + decoded;
    pos = end + 1;
    start = value.indexOf(esc, pos);
  }
  return out + value.slice(pos);
}

function decodeSequence(body: string, d: Hl7Delimiters): string | undefined {
  switch (body) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'P':
      return d.truncation ?? '#';
    case 'H':
    case 'N':
    case '.br':
    case '.fi':
    case '.nf':
    case '.ce':
      return body === '.br' ? '\n' : '';
    default:
      break;
  }
  const first = body.charAt(0);
  if (first === 'X') {
    const hex = body.slice(1);
    if (hex.length === 0 || hex.length % 2 !== 0 || !HEX.test(hex)) return undefined;
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return utf8.decode(bytes);
  }
  if (first === 'C' || first === 'M') return /^[CM][0-9A-Fa-f]+$/.test(body) ? '' : undefined;
  if (first === 'Z') return '';
  if (first === '.') {
    const m = /^\.(sp|in|ti|sk)\s*([+-]?\d*)$/.exec(body);
    if (!m) return undefined;
    if (m[1] === 'sp') return '\n'.repeat(Math.min(Math.max(Number(m[2] || '1'), 1), 10));
    if (m[1] === 'sk') return ' ';
    return '';
  }
  return undefined;
}

/**
 * Encode text for one primitive value: the delimiters become \F\ \S\ \T\ \R\ \E\ (\P\ when a truncation
 * character is declared), line breaks become \.br\, and other control characters \Xhh\.
 * For text without CR, `unescapeHl7(escapeHl7(x)) === x`.
 */
export function escapeHl7(text: string, d: Hl7Delimiters = DEFAULT_DELIMITERS): string {
  let out = '';
  let pos = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    let rep: string | undefined;
    if (c === d.escape) rep = 'E';
    else if (c === d.field) rep = 'F';
    else if (c === d.component) rep = 'S';
    else if (c === d.subcomponent) rep = 'T';
    else if (c === d.repetition) rep = 'R';
    else if (d.truncation !== undefined && c === d.truncation) rep = 'P';
    else if (c === '\r' || c === '\n') {
      rep = '.br';
      if (c === '\r' && text[i + 1] === '\n') {
        out += text.slice(pos, i) + d.escape + rep + d.escape;
        i++;
        pos = i + 1;
        continue;
      }
    } else if (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) {
      rep = 'X' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    }
    if (rep !== undefined) {
      out += text.slice(pos, i) + d.escape + rep + d.escape;
      pos = i + 1;
    }
  }
  return pos === 0 ? text : out + text.slice(pos);
}
