export * from './identity';
export * from './patients';
export * from './clinical';
export * from './mpi';
export * from './interop';
export * from './segmentation';
