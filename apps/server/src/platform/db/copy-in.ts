import type pg from 'pg';
import { BinaryCopyWriter, type PgType } from './copy-binary';

/** A column of a table written with `copyRowsIn`: the row's key, the column's name and its type. */
export type CopyColumn<R> = readonly [keyof R, string, PgType];

/**
 * Writes rows with one binary `COPY … FROM STDIN` on a server connection (the embedded database cannot
 * take COPY through its socket; callers there insert with unnest instead). Instants may be Date, epoch
 * milliseconds or ISO text. A failed COPY fails the caller's transaction, as any statement would.
 */
export async function copyRowsIn<R>(
  client: pg.ClientBase,
  table: string,
  rows: readonly R[],
  columns: readonly CopyColumn<R>[],
): Promise<void> {
  if (!rows.length) return;
  const w = new BinaryCopyWriter(rows.length * 256);
  for (const row of rows) {
    w.row(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const [key, name, type] = columns[i]!;
      writeValue(w, type, row[key], name === 'id' ? -1 : i & 15);
    }
  }
  const names = columns.map((c) => `"${c[1]}"`).join(', ');
  const copy = new EagerCopy(`COPY "${table}" (${names}) FROM STDIN (FORMAT binary)`, w.finish());
  client.query(copy);
  await copy.done;
}

/** One field in binary COPY format; `slot` as in BinaryCopyWriter.uuid (a column whose values repeat). */
export function writeValue(w: BinaryCopyWriter, type: PgType, v: unknown, slot = -1): void {
  if (v === null || v === undefined) {
    w.null();
    return;
  }
  switch (type) {
    case 'uuid':
      w.uuid(v as string, slot);
      break;
    case 'text':
      w.text(v as string);
      break;
    case 'bool':
      w.bool(v as boolean);
      break;
    case 'int4':
      w.int4(v as number);
      break;
    case 'int8':
      w.int8(v as number);
      break;
    case 'timestamptz':
      w.timestamptz(v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : (v as number));
      break;
    case 'date':
      w.date(v as string);
      break;
    case 'numeric':
      w.numeric(v as string);
      break;
    case 'text[]':
      w.textArray(v as string[]);
      break;
    case 'jsonb':
      w.jsonb(v as string);
      break;
  }
}

/** The parts of node-postgres' connection a custom query uses (not in its type declarations). */
interface RawConnection {
  query(text: string): void;
  stream: { write(chunk: Uint8Array): boolean };
}

/**
 * A COPY FROM STDIN whose data is written right behind the statement. Safe by the protocol: if the COPY
 * fails, the server drops the CopyData and CopyDone that follow it (and ignores them outside copy mode).
 * Implements node-postgres' Submittable; the client calls these handlers for the active query.
 */
export class EagerCopy implements pg.Submittable {
  readonly done: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.done.catch(() => {}); // the caller awaits `done`; no unhandled rejection in between
  }

  submit(connection: unknown): void {
    const c = connection as RawConnection;
    c.query(this.text);
    const header = Buffer.allocUnsafe(5);
    header[0] = 0x64; // 'd' CopyData
    header.writeUInt32BE(this.data.length + 4, 1);
    c.stream.write(header);
    c.stream.write(this.data);
    c.stream.write(COPY_DONE);
  }

  handleCopyInResponse(): void {}
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  handleError(error: Error): void {
    this.failed = true;
    this.reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.resolve();
  }
}

/** 'c' CopyDone, length 4. */
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);
