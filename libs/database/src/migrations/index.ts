import { Foundation1795633448069 } from './1795633448069-Foundation';
import { SuppliersCampaignsAssessments1795634722477 } from './1795634722477-SuppliersCampaignsAssessments';
import { DashboardAssessmentIndex1795637863729 } from './1795637863729-DashboardAssessmentIndex';
import { CampaignDraftSuppliers1795638029470 } from './1795638029470-CampaignDraftSuppliers';
import { AlertDigests1795642215714 } from './1795642215714-AlertDigests';
import { FindingsAsData1795642843756 } from './1795642843756-FindingsAsData';
import { NotificationsUnreadIndex1795644053695 } from './1795644053695-NotificationsUnreadIndex';
import { TenantForeignKeys1795645306039 } from './1795645306039-TenantForeignKeys';
import { CampaignFanOutWaves1795645991709 } from './1795645991709-CampaignFanOutWaves';
import { FindingsFollowScores1795646678247 } from './1795646678247-FindingsFollowScores';
import { UserSessions1795650116546 } from './1795650116546-UserSessions';
import { UserManagement1795652469527 } from './1795652469527-UserManagement';
import { CampaignDueDateRevision1795660000000 } from './1795660000000-CampaignDueDateRevision';
import { PasswordReset1795662000000 } from './1795662000000-PasswordReset';
import { AuditEventsTargetIndex1795700000000 } from './1795700000000-AuditEventsTargetIndex';

/** Every migration in order; listed explicitly so the built app and the CLI agree. */
export const MIGRATIONS = [
  Foundation1795633448069,
  SuppliersCampaignsAssessments1795634722477,
  DashboardAssessmentIndex1795637863729,
  CampaignDraftSuppliers1795638029470,
  AlertDigests1795642215714,
  FindingsAsData1795642843756,
  NotificationsUnreadIndex1795644053695,
  TenantForeignKeys1795645306039,
  CampaignFanOutWaves1795645991709,
  FindingsFollowScores1795646678247,
  UserSessions1795650116546,
  UserManagement1795652469527,
  CampaignDueDateRevision1795660000000,
  PasswordReset1795662000000,
  AuditEventsTargetIndex1795700000000,
];
