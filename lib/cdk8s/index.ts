export * from '../core/public-api';
export * from './grayscale-service';
