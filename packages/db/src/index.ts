export * from './open';
export * from './migrate';
export * as schema from './schema/index';
export { newId } from './ids';
