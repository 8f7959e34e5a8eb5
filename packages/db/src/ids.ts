import { webcrypto } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * The library's default generator asks the operating system for 32 random bytes every few ids; a bulk
 * import makes three ids per patient row, and those calls alone took 1–2 s per 100,000 rows. The same
 * CSPRNG, asked for 4 KiB at a time.
 */
class PooledRandom {
  private readonly pool = new Uint32Array(1024);
  private cursor = this.pool.length;

  nextUint32(): number {
    if (this.cursor === this.pool.length) {
      webcrypto.getRandomValues(this.pool);
      this.cursor = 0;
    }
    return this.pool[this.cursor++]!;
  }
}

const generator = new V7Generator(new PooledRandom());

/** Application-generated identifiers are UUIDv7 (time-ordered), created before the row is written. */
export const newId = (): string => generator.generate().toString();
