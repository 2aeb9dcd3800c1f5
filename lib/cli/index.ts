export * from './program';
export * from './read-inputs';
