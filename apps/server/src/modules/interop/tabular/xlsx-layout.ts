import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * What exceljs's streaming reader does not tell: the workbook's sheets in tab order and the merged ranges of
 * a sheet. (The streaming WorksheetReader ignores <mergeCell>, and <mergeCells> comes after <sheetData> in
 * the XML, i.e. after every row has been read.) So before the rows are read, the sheet's XML is inflated
 * once and scanned for mergeCell refs only: a plain string search, far cheaper than exceljs's SAX parse.
 *
 * The zip's central directory is read directly (end of file, no extraction), which also rejects a truncated
 * or non-zip file before exceljs (whose unzipper can hang or fail late on such input) sees it.
 */

export class XlsxLayoutError extends Error {
  constructor(
    readonly code: 'xlsx_invalid' | 'xlsx_sheet_not_found' | 'xlsx_zip64_unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'XlsxLayoutError';
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** Random access to the file: a Buffer or a path. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  stream(offset: number, length: number): Readable;
  close(): Promise<void>;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, offset + length),
    stream: (offset, length) => Readable.from([buffer.subarray(offset, offset + length)]),
    close: async () => undefined,
  };
}

export async function fileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const out = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      if (out.length > 0) await handle.read(out, 0, out.length, offset);
      return out;
    },
    stream: (offset, length) =>
      length <= 0 ? Readable.from([]) : createReadStream(path, { start: offset, end: offset + length - 1 }),
    close: () => handle.close(),
  };
}

async function centralDirectory(source: ByteSource): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(source.size, 22 + 65_535);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxLayoutError('xlsx_invalid', 'no zip end-of-central-directory record');
  const count = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new XlsxLayoutError('xlsx_zip64_unsupported', 'zip64 archives are not supported');
  }
  if (offset + size > source.size)
    throw new XlsxLayoutError('xlsx_invalid', 'central directory out of range');
  const dir = await source.read(offset, size);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) {
      throw new XlsxLayoutError('xlsx_invalid', 'corrupt central directory');
    }
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, {
      name,
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      localHeaderOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function* entryChunks(source: ByteSource, entry: ZipEntry): AsyncGenerator<Buffer> {
  const header = await source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) {
    throw new XlsxLayoutError('xlsx_invalid', `corrupt local header of ${entry.name}`);
  }
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = source.stream(dataStart, entry.compressedSize);
  let stream: Readable;
  if (entry.method === 0) stream = raw;
  else if (entry.method === 8) stream = raw.pipe(createInflateRaw());
  else throw new XlsxLayoutError('xlsx_invalid', `unsupported compression ${entry.method} in ${entry.name}`);
  raw.on('error', (error) => stream.destroy(error));
  for await (const chunk of stream) yield chunk as Buffer;
}

async function entryText(source: ByteSource, entry: ZipEntry | undefined): Promise<string> {
  if (entry === undefined) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of entryChunks(source, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = xmlDecode(m[2]!);
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*'([^']*)'/g)) out[m[1]!] = xmlDecode(m[2]!);
  return out;
}

function xmlDecode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export interface SheetInfo {
  name: string;
  /** Zip path of the sheet XML, e.g. 'xl/worksheets/sheet1.xml'. */
  path: string;
  hidden: boolean;
}

/** A merged range, 1-based inclusive. */
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxLayout {
  sheets: SheetInfo[];
  sheet: SheetInfo;
  /** 1-based position of `sheet` among `sheets`. */
  position: number;
  merges: MergedRange[];
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

export function parseRange(ref: string): MergedRange | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  const a = { col: columnNumber(m[1]!), row: Number(m[2]) };
  const b = m[3] === undefined ? a : { col: columnNumber(m[3]), row: Number(m[4]) };
  return {
    ref,
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

/**
 * The sheets of a workbook and the merged ranges of the chosen one: `sheet` is a name or a 1-based tab
 * position; by default the first visible sheet.
 */
export async function readXlsxLayout(source: ByteSource, sheet?: string | number): Promise<XlsxLayout> {
  const entries = await centralDirectory(source);
  const workbook = await entryText(source, entries.get('xl/workbook.xml'));
  if (workbook === '') throw new XlsxLayoutError('xlsx_invalid', 'no xl/workbook.xml');
  const rels = await entryText(source, entries.get('xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, a.Target);
  }
  const sheets: SheetInfo[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rid = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const target = rid === undefined ? undefined : targets.get(rid);
    if (a.name === undefined || target === undefined) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    sheets.push({ name: a.name, path, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
  }
  let index: number;
  if (typeof sheet === 'number') index = sheet - 1;
  else if (typeof sheet === 'string') index = sheets.findIndex((s) => s.name === sheet);
  else {
    index = sheets.findIndex((s) => !s.hidden);
    if (index < 0) index = 0;
  }
  const chosen = sheets[index];
  if (chosen === undefined) {
    throw new XlsxLayoutError('xlsx_sheet_not_found', `no sheet ${String(sheet ?? 1)}`);
  }
  const entry = entries.get(chosen.path);
  if (entry === undefined) throw new XlsxLayoutError('xlsx_invalid', `missing ${chosen.path}`);
  const merges = new Map<string, MergedRange>();
  let carry = '';
  for await (const chunk of entryChunks(source, entry)) {
    // Refs are ASCII, so latin1 is safe and cheaper than UTF-8 decoding.
    const text = carry + chunk.toString('latin1');
    if (text.includes('mergeCell')) {
      for (const m of text.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g)) {
        const range = parseRange(m[1]!);
        if (range) merges.set(range.ref, range);
      }
    }
    carry = text.slice(-512);
  }
  return { sheets, sheet: chosen, position: index + 1, merges: [...merges.values()] };
}
