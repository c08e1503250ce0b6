export * from './schema';
export * from './load';
export * from './secrets';
export * from './mask';
export * from './permissions';
