import { Assessment } from './assessment.entity';
import { AssessmentLink } from './assessment-link.entity';
import { AssessmentScore } from './assessment-score.entity';
import { AuditEvent } from './audit-event.entity';
import { Campaign } from './campaign.entity';
import { EvidenceFile } from './evidence-file.entity';
import { FindingRecord } from './finding.entity';
import { MailMessage } from './mail-message.entity';
import { Notification } from './notification.entity';
import { Organization } from './organization.entity';
import { OutboxMessage } from './outbox-message.entity';
import { Supplier } from './supplier.entity';
import { SupplierContact } from './supplier-contact.entity';
import { SupplierRisk } from './supplier-risk.entity';
import { User } from './user.entity';
import { UserInvitation } from './user-invitation.entity';
import { UserSession } from './user-session.entity';

export * from './assessment.entity';
export * from './assessment-link.entity';
export * from './assessment-score.entity';
export * from './audit-event.entity';
export * from './campaign.entity';
export * from './evidence-file.entity';
export * from './finding.entity';
export * from './mail-message.entity';
export * from './notification.entity';
export * from './organization.entity';
export * from './outbox-message.entity';
export * from './supplier.entity';
export * from './supplier-contact.entity';
export * from './supplier-risk.entity';
export * from './user.entity';
export * from './user-invitation.entity';
export * from './user-session.entity';

/** Every entity, for the data source. */
export const ENTITIES = [
  Organization,
  User,
  AuditEvent,
  OutboxMessage,
  Supplier,
  SupplierContact,
  Campaign,
  Assessment,
  AssessmentLink,
  MailMessage,
  EvidenceFile,
  AssessmentScore,
  FindingRecord,
  SupplierRisk,
  Notification,
  UserSession,
  UserInvitation,
];
