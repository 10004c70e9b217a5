import { JobIds } from './job-types';
import { isAcceptableJobId } from './outbox-relay.service';

describe('job ids', () => {
  const id = '3f0c2a9e-7a51-4c59-9d0e-3b8f4a6a1c11';

  it('every deterministic id is one BullMQ accepts', () => {
    for (const jobId of [
      JobIds.fanOut(id, 1),
      JobIds.score(id, 2),
      JobIds.sendMail(`invite:${id}`),
      JobIds.sendMail(`remind:${id}:before-3`),
      JobIds.sendMail(`escalate:${id}:2026-11-25`),
      JobIds.sendMail('alert:high-tier:' + id),
    ]) {
      expect({ jobId, accepted: isAcceptableJobId(jobId) }).toEqual({ jobId, accepted: true });
    }
  });

  it('the same cause gives the same id, a different one another', () => {
    expect(JobIds.sendMail(`remind:${id}:before-3`)).toBe(JobIds.sendMail(`remind:${id}:before-3`));
    expect(JobIds.sendMail(`remind:${id}:before-3`)).not.toBe(
      JobIds.sendMail(`remind:${id}:before-1`),
    );
  });

  it('refuses what BullMQ refuses', () => {
    expect(isAcceptableJobId('remind:a:b:c')).toBe(false);
    expect(isAcceptableJobId('12345')).toBe(false);
    expect(isAcceptableJobId('score:a:1')).toBe(true);
  });
});
