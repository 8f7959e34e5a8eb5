/**
 * MLLP listener for HL7 v2 over TCP (node:net, no dependencies).
 *
 * Per connection, frames are handled strictly in arrival order. When several complete frames are already
 * buffered (a sender that pipelines), they go to `handleBatch` together — up to `maxBatchSize` — so the
 * caller can commit them in one transaction; the returned ACKs are written in the same order in one write.
 * A connection never has two batches running. While a batch runs, frames keep queueing; past a high-water
 * mark the socket is paused (TCP back-pressure on the sender).
 *
 * The handler owns the ACKs. If it throws (or returns the wrong number of ACKs) the connection is closed
 * without an ACK: the sender resends, which is safe because processing is idempotent by control id. Logs
 * carry connection facts and error names/messages, never message content (it is patient data).
 */
import net from 'node:net';
import { decodeMllpPayload, encodeMllp, MllpDecoder } from './mllp-framing';

/** The subset of a pino logger used here. */
export interface MllpLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MllpServerOptions {
  /** Interface to listen on; default '127.0.0.1'. */
  host?: string;
  /** TCP port; 0 picks a free one (see the returned `port`). */
  port: number;
  /** Largest message accepted, in bytes; a larger frame closes the connection. Default 10 MiB. */
  maxMessageBytes?: number;
  /** Most messages passed to one `handleBatch` call. Default 200. */
  maxBatchSize?: number;
  /** Receives messages (decoded UTF-8 text, BOM removed) and returns one ACK per message, in order. */
  handleBatch: (messages: string[]) => Promise<string[]>;
  logger?: MllpLogger;
  /** How long `close()` lets ended connections linger before destroying them. Default 5 s. */
  closeGraceMs?: number;
}

export interface MllpServer {
  port: number;
  /** Stop accepting, wait for running batches (their ACKs are written), then end every connection. */
  close(): Promise<void>;
}

const silent: MllpLogger = { info: () => {}, warn: () => {}, error: () => {} };

function errorFacts(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: 'non-Error thrown' };
}

class Connection {
  private readonly decoder: MllpDecoder;
  private readonly queue: string[] = [];
  private busy = false;
  private closing = false;
  /** The running batch, if any. */
  current: Promise<void> | undefined;
  private readonly highWater: number;

  constructor(
    readonly socket: net.Socket,
    private readonly options: Required<Pick<MllpServerOptions, 'maxBatchSize' | 'handleBatch'>> & {
      maxMessageBytes: number;
      logger: MllpLogger;
    },
    private readonly id: number,
  ) {
    this.decoder = new MllpDecoder({ maxMessageBytes: options.maxMessageBytes });
    this.highWater = options.maxBatchSize * 4;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) =>
      options.logger.warn({ connection: id, err: errorFacts(error) }, 'mllp socket error'),
    );
  }

  private onData(chunk: Buffer): void {
    if (this.closing || this.socket.destroyed) return;
    for (const event of this.decoder.push(chunk)) {
      if (event.type === 'frame') {
        this.queue.push(decodeMllpPayload(event.payload));
      } else if (event.code === 'oversize') {
        this.options.logger.warn(
          { connection: this.id, limit: event.limit },
          'mllp message too large; closing',
        );
        this.socket.destroy();
        return;
      } else {
        this.options.logger.warn(
          { connection: this.id, code: event.code, bytes: event.bytes },
          'mllp bytes skipped',
        );
      }
    }
    if (this.queue.length >= this.highWater && !this.socket.isPaused()) this.socket.pause();
    this.pump();
  }

  private pump(): void {
    if (this.busy || this.closing || this.socket.destroyed || this.queue.length === 0) return;
    this.busy = true;
    const batch = this.queue.splice(0, this.options.maxBatchSize);
    this.current = this.run(batch).finally(() => {
      this.busy = false;
      this.current = undefined;
      if (this.socket.isPaused() && this.queue.length < this.highWater / 2 && !this.closing)
        this.socket.resume();
      this.pump();
    });
  }

  private async run(batch: string[]): Promise<void> {
    let acks: string[];
    try {
      acks = await Promise.resolve().then(() => this.options.handleBatch(batch));
    } catch (error) {
      this.options.logger.error(
        { connection: this.id, batch: batch.length, err: errorFacts(error) },
        'mllp batch handler failed; closing connection without ACK',
      );
      this.queue.length = 0;
      this.socket.destroy();
      return;
    }
    if (!Array.isArray(acks) || acks.length !== batch.length) {
      this.options.logger.error(
        { connection: this.id, batch: batch.length, acks: Array.isArray(acks) ? acks.length : -1 },
        'mllp batch handler returned the wrong number of ACKs; closing connection',
      );
      this.queue.length = 0;
      this.socket.destroy();
      return;
    }
    if (this.socket.destroyed || !this.socket.writable) return;
    const flushed = this.socket.write(Buffer.concat(acks.map((ack) => encodeMllp(ack))));
    if (!flushed) await waitForDrain(this.socket);
  }

  /** Stop taking new batches; resolves when the running one (if any) has written its ACKs. */
  async finish(): Promise<void> {
    this.closing = true;
    this.queue.length = 0;
    while (this.current) await this.current;
  }
}

function waitForDrain(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

export async function startMllpServer(options: MllpServerOptions): Promise<MllpServer> {
  const logger = options.logger ?? silent;
  const settings = {
    handleBatch: options.handleBatch,
    maxBatchSize: Math.max(1, options.maxBatchSize ?? 200),
    maxMessageBytes: options.maxMessageBytes ?? 10 * 1024 * 1024,
    logger,
  };
  const connections = new Set<Connection>();
  let nextId = 1;
  let closing = false;

  const server = net.createServer((socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    const id = nextId++;
    const connection = new Connection(socket, settings, id);
    connections.add(connection);
    logger.info({ connection: id, remote: socket.remoteAddress }, 'mllp connection opened');
    socket.on('close', () => {
      connections.delete(connection);
      logger.info({ connection: id }, 'mllp connection closed');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: errorFacts(error) }, 'mllp server error'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ port }, 'mllp listening');

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((c) => c.finish()));
      for (const c of connections) c.socket.end();
      const grace = setTimeout(() => {
        for (const c of connections) c.socket.destroy();
      }, options.closeGraceMs ?? 5_000);
      await stopped;
      clearTimeout(grace);
    })());

  return { port, close };
}
