export * from './targets';
export * from './vocabulary';
export * from './parse-cells';
export * from './hash';
export * from './suggest-mapping';
export * from './rows-to-inbound';
