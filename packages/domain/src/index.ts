export * from './access/session-policy';
