// Runs embedded PostgreSQL (PGlite, WASM) on its own thread and speaks the PostgreSQL wire protocol on
// loopback, so the HTTP thread talks to it through node-postgres like to a real server and a slow query
// never blocks the event loop. Plain JavaScript: worker threads do not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir } = workerData;
let db;
let server;
try {
  db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // maxConnections 4 lets a CLI tool attach briefly; the application itself uses one connection
  // (see docs/adr/0002-embedded-database.md for why).
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const [, port] = server.getServerConn().split(':');
  parentPort.postMessage({ type: 'ready', port: Number(port) });
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}

parentPort.on('message', async (message) => {
  if (message?.type !== 'close') return;
  try {
    await server?.stop();
    await db?.close();
  } finally {
    parentPort.postMessage({ type: 'closed' });
  }
});
