import { AssessmentStatus } from '@kakehashi/database';

/** Who is answering which assessment, established from a link token or a session cookie. */
export interface RespondContext {
  organizationId: string;
  assessmentId: string;
  linkId: string;
  contactId: string | null;
  catalogVersion: string;
  status: AssessmentStatus;
  ip: string | null;
}

export const LOCKED_STATUSES: ReadonlySet<AssessmentStatus> = new Set(['submitted', 'scored']);

/** What a save needs: facts that never change for a link. The save checks the rest itself. */
export type SaveScope = Omit<RespondContext, 'status'>;
