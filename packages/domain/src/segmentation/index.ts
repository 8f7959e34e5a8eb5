export * from './clv';
