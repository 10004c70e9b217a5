import { QueueName } from './queue-names';

/**
 * Every job of the platform: its queue, its name and its payload. Payloads carry ids only;
 * processors load the current rows from PostgreSQL, so a re-delivered job sees the truth.
 */
export interface JobPayloads {
  [QueueName.Campaigns]: {
    /** Create the assessments' mail rows for a launched campaign (or its newly added suppliers). */
    'fan-out': { organizationId: string; campaignId: string };
  };
  [QueueName.Mail]: {
    /** Render and send one recorded mail_messages row, once. */
    'send-mail': { organizationId: string; mailMessageId: string };
  };
  [QueueName.Scoring]: {
    'score-assessment': { organizationId: string; assessmentId: string; submission: number };
  };
  [QueueName.Reminders]: {
    /** Periodic: find due reminder steps in SQL and write their mail rows. */
    sweep: Record<string, never>;
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

/** Job names per queue, for the worker's boot check that each has exactly one handler. */
export const JOB_NAMES: { [Q in QueueName]: JobName<Q>[] } = {
  [QueueName.Campaigns]: ['fan-out'],
  [QueueName.Mail]: ['send-mail'],
  [QueueName.Scoring]: ['score-assessment'],
  [QueueName.Reminders]: ['sweep'],
};

/**
 * Deterministic job ids: the same cause always maps to the same job. BullMQ refuses a custom id
 * containing ':' unless it has exactly three parts, so mail keys (of any length) use '.'.
 */
export const JobIds = {
  fanOut: (campaignId: string, wave: number) => `fanout:${campaignId}:${wave}`,
  sendMail: (messageKey: string) => `mail.${messageKey.replaceAll(':', '.')}`,
  score: (assessmentId: string, submission: number) => `score:${assessmentId}:${submission}`,
};
