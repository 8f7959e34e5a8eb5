/**
 * A small MLLP client (tests, the CLI, the benchmark): one connection, ACKs matched to messages by order,
 * which MLLP guarantees on one connection. `sendMany` pipelines up to `window` messages.
 */
import net from 'node:net';
import { decodeMllpPayload, encodeMllp, MllpDecoder } from './mllp-framing';

export interface MllpClientOptions {
  host?: string;
  port: number;
  /** Fail (and close the connection) when the oldest outstanding ACK takes longer. Default 30 s. */
  ackTimeoutMs?: number;
  maxMessageBytes?: number;
}

export interface MllpClient {
  /** Send one message; resolves with its ACK. */
  send(message: string): Promise<string>;
  /** Send many, with up to `window` (default 50) awaiting an ACK; resolves with the ACKs in order. */
  sendMany(messages: readonly string[], options?: { window?: number }): Promise<string[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (ack: string) => void;
  reject: (error: Error) => void;
}

export async function connectMllp(options: MllpClientOptions): Promise<MllpClient> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host: options.host ?? '127.0.0.1', port: options.port }, () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  const decoder = new MllpDecoder({ maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024 });
  const pending: Pending[] = [];
  const timeoutMs = options.ackTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;

  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = pending.length > 0 ? setTimeout(() => fail(new Error('MLLP ACK timeout')), timeoutMs) : undefined;
  };

  const fail = (error: Error): void => {
    failure ??= error;
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const p of pending.splice(0)) p.reject(failure);
    socket.destroy();
  };

  socket.on('data', (chunk: Buffer) => {
    for (const event of decoder.push(chunk)) {
      if (event.type !== 'frame') continue;
      const next = pending.shift();
      if (!next) {
        fail(new Error('MLLP: unexpected frame from server'));
        return;
      }
      next.resolve(decodeMllpPayload(event.payload));
    }
    arm();
  });
  socket.on('error', (error) => fail(error));
  socket.on('close', () => fail(new Error('MLLP connection closed')));

  const send = (message: string): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      if (failure || socket.destroyed) {
        reject(failure ?? new Error('MLLP connection closed'));
        return;
      }
      pending.push({ resolve, reject });
      if (pending.length === 1) arm();
      socket.write(encodeMllp(message));
    });

  const sendMany = (messages: readonly string[], opts: { window?: number } = {}): Promise<string[]> => {
    const window = Math.max(1, opts.window ?? 50);
    const acks = new Array<string>(messages.length);
    return new Promise<string[]>((resolve, reject) => {
      if (messages.length === 0) {
        resolve(acks);
        return;
      }
      let next = 0;
      let inFlight = 0;
      let done = 0;
      let failed = false;
      const launch = (): void => {
        socket.cork();
        while (!failed && inFlight < window && next < messages.length) {
          const i = next++;
          inFlight++;
          send(messages[i]!).then(
            (ack) => {
              acks[i] = ack;
              inFlight--;
              done++;
              if (done === messages.length) resolve(acks);
              else launch();
            },
            (error: Error) => {
              failed = true;
              reject(error);
            },
          );
        }
        process.nextTick(() => socket.uncork());
      };
      launch();
    });
  };

  const close = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
    });
  };

  return { send, sendMany, close };
}
