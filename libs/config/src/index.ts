export * from './environment';
export * from './config.module';
export * from './load-environment';
