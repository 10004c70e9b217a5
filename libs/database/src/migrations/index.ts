import { Foundation1795633448069 } from './1795633448069-Foundation';
import { SuppliersCampaignsAssessments1795634722477 } from './1795634722477-SuppliersCampaignsAssessments';

/** Every migration in order; listed explicitly so the built app and the CLI agree. */
export const MIGRATIONS = [Foundation1795633448069, SuppliersCampaignsAssessments1795634722477];
