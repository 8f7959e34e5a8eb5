export * from './id-card';
export * from './phone';
