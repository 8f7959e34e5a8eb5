import { uuidv7 } from 'uuidv7';

/** Application-generated identifiers are UUIDv7 (time-ordered), created before the row is written. */
export const newId = (): string => uuidv7();
