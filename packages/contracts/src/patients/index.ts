export * from './vocabulary';
export * from './field-messages';
export * from './fields';
export * from './write';
export * from './read';
export * from './clinical';
export * from './organisation';
