export * from './errors';
export * from './manifest';
export * from './names';
export * from './regex';
export * from './string-match';
export * from './grayscale-service';
export * from './workload';
export * from './zero-trust-namespace';
