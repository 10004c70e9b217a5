export * from './answer-summary';
export * from './file-outbox.transport';
export * from './mail-data.types';
export * from './mail-renderer';
export * from './mail-sender';
export * from './mail-transport';
export * from './mail.module';
export * from './smtp-mail.transport';
