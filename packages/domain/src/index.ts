export * from './access/session-policy';
export * from './patients';
export * from './cn-identity';
export * from './cn-names';
export * from './demo-population';
export * from './calendar-day';
export * from './interop/inbound';
export * from './mpi';
