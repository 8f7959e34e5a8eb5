export * from './identity';
export * from './patients';
export * from './clinical';
