// A thread that prepares import batches (prepare-pool.ts). Worker threads do not inherit the main thread's
// TypeScript loader (bin/carebridge.js registers it there), so this plain-JavaScript entry registers it
// and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./prepare-worker.ts', import.meta.url).href);
