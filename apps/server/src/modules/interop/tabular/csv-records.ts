/**
 * An incremental CSV tokenizer (RFC 4180: quoted fields, "" inside quotes, CRLF/LF/CR line ends) that
 * recovers from broken rows instead of giving up on the file.
 *
 * Why not csv-parse: its stream aborts at the first malformed quote, or with `skip_records_with_error` an
 * unclosed quote silently swallows every following line into one field until the next quote character, and
 * no option bounds that. Hand-typed hospital lists do contain stray quotes (`12" 显示器`, `"北京市朝阳区,`).
 * Here a quoted field that is still open after MAX_QUOTED_LINES line breaks or MAX_RECORD_CHARS characters,
 * or at the end of the file, or that closes and is followed by something other than a delimiter after
 * spanning lines, makes its row a `csv_unbalanced_quotes` problem at the line where the row started, and
 * reading resumes on the next line. Well-formed files give exactly csv-parse's records (see the tests,
 * which use csv-parse as the oracle).
 *
 * Relaxed like csv-parse's relax_quotes: a quote inside an unquoted field is an ordinary character.
 */

export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
  problem?: 'csv_unbalanced_quotes' | 'csv_row_too_long' | 'csv_too_many_columns';
}

export interface CsvTokenizerOptions {
  /** Field delimiter; detected from the first lines when omitted (',', tab, ';' or '|'). */
  delimiter?: string;
  maxQuotedLines?: number;
  maxRecordChars?: number;
  maxColumns?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DELIMITER_CANDIDATES = [',', '\t', ';', '|'] as const;

type Step =
  | { kind: 'record'; cells: string[]; end: number; lines: number; tooWide: boolean }
  | { kind: 'incomplete' }
  | {
      kind: 'broken';
      problem: 'csv_unbalanced_quotes' | 'csv_row_too_long';
      /** Where the next record starts when the broken one's end is known (else: the next line). */
      resume?: { at: number; lines: number };
    };

/** The delimiter used most often outside quotes in the first lines of a file (',' on a tie or none). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITER_CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) lines++;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const d of DELIMITER_CANDIDATES) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export class CsvTokenizer {
  private buffer = '';
  private line = 1;
  private delimiter: string | undefined;
  private delimiterCode = 44;
  /** Dropping a too-long line: skip until its line break. */
  private skipping = false;
  private first = true;
  private readonly maxQuotedLines: number;
  private readonly maxRecordChars: number;
  private readonly maxColumns: number;

  constructor(options: CsvTokenizerOptions = {}) {
    this.delimiter = options.delimiter;
    if (this.delimiter !== undefined) this.setDelimiter(this.delimiter);
    this.maxQuotedLines = options.maxQuotedLines ?? 100;
    this.maxRecordChars = options.maxRecordChars ?? 1 << 20;
    this.maxColumns = options.maxColumns ?? 2000;
  }

  get detectedDelimiter(): string | undefined {
    return this.delimiter;
  }

  private setDelimiter(delimiter: string): void {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError('the delimiter must be one character other than a quote or line break');
    }
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Feed text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    this.buffer += text;
    if (this.delimiter === undefined) {
      // Wait for a few lines (or 64 KB) before guessing the delimiter.
      const breaks = this.buffer.split('\n', 21).length - 1;
      if (breaks < 20 && this.buffer.length < 65_536) return [];
      this.setDelimiter(detectDelimiter(this.buffer));
    }
    return this.drain(false);
  }

  /** End of input: the last records, including an unterminated last line. */
  end(): CsvRecord[] {
    if (this.delimiter === undefined) this.setDelimiter(detectDelimiter(this.buffer));
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const buf = this.buffer;
    this.quoteAt = -1;
    this.lineFeedAt = -1;
    let pos = 0;
    while (pos < buf.length) {
      if (this.skipping) {
        const next = nextLineStart(buf, pos);
        if (next < 0) {
          pos = buf.length;
          break;
        }
        this.skipping = false;
        this.line++;
        pos = next;
        continue;
      }
      const step = this.record(buf, pos, final);
      if (step.kind === 'incomplete') break;
      if (step.kind === 'broken') {
        out.push({ line: this.line, cells: [], problem: step.problem });
        if (step.resume) {
          this.line += step.resume.lines;
          pos = step.resume.at;
          continue;
        }
        const next = nextLineStart(buf, pos);
        if (next < 0) {
          // The broken row's first line is not even complete: drop the rest of it as it arrives.
          this.skipping = !final;
          pos = buf.length;
          break;
        }
        this.line++;
        pos = next;
        continue;
      }
      const record: CsvRecord = { line: this.line, cells: step.cells };
      if (step.tooWide) record.problem = 'csv_too_many_columns';
      out.push(record);
      this.line += step.lines;
      pos = step.end;
    }
    this.buffer = pos === 0 ? buf : buf.slice(pos);
    return out;
  }

  private complete(cells: string[], start: number, end: number, lines: number, tooWide: boolean): Step {
    // The same verdict whether the row arrived in one piece or in many.
    if (end - start > this.maxRecordChars) {
      return { kind: 'broken', problem: 'csv_row_too_long', resume: { at: end, lines } };
    }
    return { kind: 'record', cells, end, lines, tooWide };
  }

  /** Next quote and line feed at or after the current record (Infinity: none in the buffer). */
  private quoteAt = -1;
  private lineFeedAt = -1;

  /** One record starting at `start`. */
  private record(buf: string, start: number, final: boolean): Step {
    // Fast path: a record on one line without quotes (most rows) is split natively.
    if (this.quoteAt < start) {
      const q = buf.indexOf('"', start);
      this.quoteAt = q < 0 ? Infinity : q;
    }
    if (this.lineFeedAt < start) {
      const lf = buf.indexOf('\n', start);
      this.lineFeedAt = lf < 0 ? Infinity : lf;
    }
    const lf = this.lineFeedAt;
    if (lf < this.quoteAt && lf !== Infinity) {
      const end = lf > start && buf.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
      const line = buf.slice(start, end);
      if (!line.includes('\r')) {
        const cells = line.split(this.delimiter!);
        const tooWide = cells.length > this.maxColumns;
        if (tooWide) cells.length = this.maxColumns;
        return this.complete(cells, start, lf + 1, 1, tooWide);
      }
    }
    return this.slowRecord(buf, start, final);
  }

  private slowRecord(buf: string, start: number, final: boolean): Step {
    const n = buf.length;
    const delimiter = this.delimiterCode;
    const limit = start + this.maxRecordChars;
    const cells: string[] = [];
    let tooWide = false;
    let lines = 0;
    let i = start;
    const maxColumns = this.maxColumns;
    for (;;) {
      if (i < n && buf.charCodeAt(i) === QUOTE) {
        // Quoted field.
        let value = '';
        let segment = i + 1;
        let j = i + 1;
        let fieldLines = 0;
        for (;;) {
          const q = buf.indexOf('"', j);
          const end = q < 0 ? n : q;
          for (let k = j; k < end; k++) {
            const c = buf.charCodeAt(k);
            if (c === LF || (c === CR && buf.charCodeAt(k + 1) !== LF)) fieldLines++;
          }
          if (fieldLines > this.maxQuotedLines || end > limit)
            return { kind: 'broken', problem: 'csv_unbalanced_quotes' };
          if (q < 0)
            return final ? { kind: 'broken', problem: 'csv_unbalanced_quotes' } : { kind: 'incomplete' };
          if (q + 1 >= n && !final) return { kind: 'incomplete' };
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += buf.slice(segment, q + 1);
            j = q + 2;
            segment = j;
            continue;
          }
          value += buf.slice(segment, q);
          i = q + 1;
          break;
        }
        if (i < n) {
          const c = buf.charCodeAt(i);
          if (c !== delimiter && c !== LF && c !== CR) {
            // Text after the closing quote. On one line it is a sloppy field ("ab"c → abc); across lines it
            // means the quote was never meant to open a field that long.
            if (fieldLines > 0) return { kind: 'broken', problem: 'csv_unbalanced_quotes' };
            let k = i;
            while (k < n) {
              const d = buf.charCodeAt(k);
              if (d === delimiter || d === LF || d === CR) break;
              k++;
            }
            if (k >= n && !final)
              return k > limit ? { kind: 'broken', problem: 'csv_row_too_long' } : { kind: 'incomplete' };
            value += buf.slice(i, k);
            i = k;
          }
        }
        lines += fieldLines;
        if (cells.length < maxColumns) cells.push(value);
        else tooWide = true;
      } else {
        let k = i;
        while (k < n) {
          const d = buf.charCodeAt(k);
          if (d === delimiter || d === LF || d === CR) break;
          k++;
        }
        if (k >= n && !final)
          return k > limit ? { kind: 'broken', problem: 'csv_row_too_long' } : { kind: 'incomplete' };
        if (cells.length < maxColumns) cells.push(buf.slice(i, k));
        else tooWide = true;
        i = k;
      }
      if (i >= n) {
        if (!final) return { kind: 'incomplete' };
        return this.complete(cells, start, n, lines, tooWide);
      }
      const c = buf.charCodeAt(i);
      if (c === delimiter) {
        i++;
        if (i - start > this.maxRecordChars) return { kind: 'broken', problem: 'csv_row_too_long' };
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return { kind: 'incomplete' };
        const end = buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        return this.complete(cells, start, end, lines + 1, tooWide);
      }
      // LF
      return this.complete(cells, start, i + 1, lines + 1, tooWide);
    }
  }
}

/** Index after the first line break at or after `from`, or -1. */
function nextLineStart(buf: string, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 >= buf.length) return -1; // could be half of CRLF: wait
      return buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    }
  }
  return -1;
}
