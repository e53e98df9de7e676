export * from './react/index';
