import { ALERT } from './alert.template';
import { CONTACT_CHANGED } from './contact-changed.template';
import { DUE_DATE_CHANGED } from './due-date-changed.template';
import { ESCALATION } from './escalation.template';
import { INVITATION } from './invitation.template';
import { LINK } from './link.template';
import { PASSWORD_RESET } from './password-reset.template';
import { REMINDER } from './reminder.template';
import { REOPENED } from './reopened.template';
import { SUBMISSION_RECEIPT } from './submission-receipt.template';
import type { AllTemplates } from './template-source.types';
import { USER_INVITATION } from './user-invitation.template';

export const TEMPLATES: AllTemplates = {
  invitation: INVITATION,
  reminder: REMINDER,
  escalation: ESCALATION,
  reopened: REOPENED,
  link: LINK,
  alert: ALERT,
  user_invitation: USER_INVITATION,
  password_reset: PASSWORD_RESET,
  due_date_changed: DUE_DATE_CHANGED,
  contact_changed: CONTACT_CHANGED,
  submission_receipt: SUBMISSION_RECEIPT,
};
export { FOOTERS, HTML_LAYOUT, STAFF_FOOTERS, STAFF_MAIL_KINDS } from './layout.template';
