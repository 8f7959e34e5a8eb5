export * from './age';
export * from './search-query';
