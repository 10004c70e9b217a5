export * from './job-types';
export * from './outbox-relay.service';
export * from './outbox.service';
export * from './queue-names';
export * from './queue.module';
export * from './redis-error-log';
export * from './clock';
