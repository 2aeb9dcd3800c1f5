export * from './program';
export * from './read-inputs';
export * from './version';
