import { AuditEvent } from './audit-event.entity';
import { Organization } from './organization.entity';
import { OutboxMessage } from './outbox-message.entity';
import { User } from './user.entity';

export * from './audit-event.entity';
export * from './organization.entity';
export * from './outbox-message.entity';
export * from './user.entity';

/** Every entity, for the data source. */
export const ENTITIES = [Organization, User, AuditEvent, OutboxMessage];
