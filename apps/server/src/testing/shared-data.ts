import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/data` beside the repository: public test data written by others (never copied into the repo). */
export const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data');

export const sharedFiles = (folder: string, ext: string) =>
  readdirSync(join(SHARED_DATA, folder))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(SHARED_DATA, folder, f));
