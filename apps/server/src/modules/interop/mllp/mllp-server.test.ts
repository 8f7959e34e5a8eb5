import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectMllp, type MllpClient } from './mllp-client';
import { encodeMllp, MllpDecoder } from './mllp-framing';
import { startMllpServer, type MllpLogger, type MllpServer, type MllpServerOptions } from './mllp-server';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => {});
});

interface Logged {
  level: string;
  obj: object;
  msg: string;
}

function recordingLogger(): { logger: MllpLogger; lines: Logged[] } {
  const lines: Logged[] = [];
  const log = (level: string) => (obj: object, msg: string) => lines.push({ level, obj, msg });
  return { logger: { info: log('info'), warn: log('warn'), error: log('error') }, lines };
}

async function server(
  options: Partial<MllpServerOptions> & Pick<MllpServerOptions, 'handleBatch'>,
): Promise<MllpServer> {
  const s = await startMllpServer({ port: 0, ...options });
  cleanup.push(() => s.close());
  return s;
}

async function client(port: number): Promise<MllpClient> {
  const c = await connectMllp({ port, ackTimeoutMs: 10_000 });
  cleanup.push(() => c.close());
  return c;
}

const ackFor = (m: string): string => `ACK|${m}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('MLLP server and client', () => {
  it('round-trips a message and its ACK, decoding UTF-8 and removing a BOM', async () => {
    const seen: string[] = [];
    const s = await server({
      handleBatch: async (messages) => {
        seen.push(...messages);
        return messages.map(ackFor);
      },
    });
    const c = await client(s.port);
    expect(await c.send('MSH|^~\\&|张三')).toBe('ACK|MSH|^~\\&|张三');
    expect(await c.send('\uFEFFMSH|2')).toBe('ACK|MSH|2');
    expect(seen).toEqual(['MSH|^~\\&|张三', 'MSH|2']);
  });

  it('batches pipelined frames, never runs two batches of a connection at once, keeps ACK order', async () => {
    const sizes: number[] = [];
    let active = 0;
    let maxActive = 0;
    const s = await server({
      maxBatchSize: 50,
      handleBatch: async (messages) => {
        active++;
        maxActive = Math.max(maxActive, active);
        sizes.push(messages.length);
        await sleep(5);
        active--;
        return messages.map(ackFor);
      },
    });
    const c = await client(s.port);
    const messages = Array.from({ length: 600 }, (_, i) => `MSH|${i}`);
    const acks = await c.sendMany(messages, { window: 200 });
    expect(acks).toEqual(messages.map(ackFor));
    expect(maxActive).toBe(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(600);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(sizes.length).toBeLessThan(600);
  });

  it('keeps connections independent', async () => {
    const s = await server({ handleBatch: async (messages) => messages.map(ackFor) });
    const [c1, c2] = await Promise.all([client(s.port), client(s.port)]);
    const [a1, a2] = await Promise.all([
      c1.sendMany(['a1', 'a2', 'a3'], { window: 3 }),
      c2.sendMany(['b1', 'b2'], { window: 2 }),
    ]);
    expect(a1).toEqual(['ACK|a1', 'ACK|a2', 'ACK|a3']);
    expect(a2).toEqual(['ACK|b1', 'ACK|b2']);
  });

  it('closes the connection without an ACK when the handler throws, and logs no message content', async () => {
    const { logger, lines } = recordingLogger();
    const s = await server({
      logger,
      handleBatch: async (messages) => {
        if (messages.some((m) => m.includes('boom'))) throw new Error('database unavailable');
        return messages.map(ackFor);
      },
    });
    const c = await client(s.port);
    expect(await c.send('MSH|ok')).toBe('ACK|MSH|ok');
    await expect(c.send('MSH|boom|张三|110105194912310021')).rejects.toThrow(/closed/);
    await expect(c.send('MSH|after')).rejects.toThrow();
    // The server goes on serving new connections.
    const again = await client(s.port);
    expect(await again.send('MSH|again')).toBe('ACK|MSH|again');
    const failure = lines.find((l) => l.level === 'error');
    expect(failure?.obj).toMatchObject({ err: { name: 'Error', message: 'database unavailable' }, batch: 1 });
    expect(JSON.stringify(lines)).not.toMatch(/张三|110105|boom|MSH/);
  });

  it('closes the connection when the handler returns the wrong number of ACKs', async () => {
    const s = await server({ handleBatch: async () => [] });
    const c = await client(s.port);
    await expect(c.send('MSH|1')).rejects.toThrow(/closed/);
  });

  it('closes a connection that sends an oversize message', async () => {
    const { logger, lines } = recordingLogger();
    const s = await server({ logger, maxMessageBytes: 100, handleBatch: async (m) => m.map(ackFor) });
    const c = await client(s.port);
    await expect(c.send(`MSH|${'x'.repeat(500)}`)).rejects.toThrow(/closed/);
    expect(lines.some((l) => l.level === 'warn' && l.msg.includes('too large'))).toBe(true);
  });

  it('handles frames split across TCP writes and several frames in one write', async () => {
    const s = await server({ handleBatch: async (m) => m.map(ackFor) });
    const socket = net.connect({ port: s.port, host: '127.0.0.1' });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    cleanup.push(async () => void socket.destroy());
    const received: string[] = [];
    const decoder = new MllpDecoder();
    const got = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        for (const e of decoder.push(chunk))
          if (e.type === 'frame') received.push(e.payload.toString('utf8'));
        if (received.length === 3) resolve();
      });
    });
    const bytes = Buffer.concat([encodeMllp('one'), encodeMllp('two'), encodeMllp('three')]);
    socket.write(bytes.subarray(0, 2));
    await sleep(10);
    socket.write(bytes.subarray(2, 9));
    await sleep(10);
    socket.write(bytes.subarray(9));
    await got;
    expect(received).toEqual(['ACK|one', 'ACK|two', 'ACK|three']);
  });

  it('close() stops accepting, waits for the running batch, writes its ACKs, then ends connections', async () => {
    const gate = deferred();
    const started = deferred();
    const s = await startMllpServer({
      port: 0,
      handleBatch: async (messages) => {
        started.resolve();
        await gate.promise;
        return messages.map(ackFor);
      },
    });
    const c = await connectMllp({ port: s.port });
    const ack = c.send('MSH|slow');
    await started.promise;
    let closed = false;
    const closing = s.close().then(() => (closed = true));
    await sleep(50);
    expect(closed).toBe(false);
    await expect(connectMllp({ port: s.port })).rejects.toThrow();
    gate.resolve();
    expect(await ack).toBe('ACK|MSH|slow');
    await closing;
    expect(closed).toBe(true);
    await expect(c.send('MSH|late')).rejects.toThrow();
  });

  it('sustains well over 1,000 messages/s over one pipelined connection', async () => {
    const s = await server({ handleBatch: async (messages) => messages.map(ackFor) });
    const c = await client(s.port);
    const body =
      'MSH|^~\\&|HIS|H|CRM|C|20250301083000||ADT^A08^ADT_A01|%|P|2.5\rPID|1||1^^^H^MR||张^三||19800101|M'.padEnd(
        1500,
        'x',
      );
    const messages = Array.from({ length: 10_000 }, (_, i) => body.replace('%', String(i)));
    const t0 = performance.now();
    const acks = await c.sendMany(messages, { window: 500 });
    const rate = Math.round(messages.length / ((performance.now() - t0) / 1000));
    console.log(`MLLP: ${messages.length} messages of ~1.5 kB over one connection: ${rate}/s`);
    expect(acks[9_999]).toBe(ackFor(messages[9_999]!));
    expect(rate).toBeGreaterThan(1_000);
  });
});
