export * from './policy';
export * from './filter';
export * from './api';
