export * from './roles';
export * from './errors';
export * from './auth';
export * from './audit';
export * from './health';
export * from './jobs';
export * from './patients';
export * from './interop';
