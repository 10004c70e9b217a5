/** Every BullMQ queue of the platform. Job names and payloads per queue live in job-types.ts. */
export const QueueName = {
  Campaigns: 'campaigns',
  Mail: 'mail',
  Scoring: 'scoring',
  Reminders: 'reminders',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);
