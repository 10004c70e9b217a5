import { DataSource } from 'typeorm';
import { dueDateGraceEnd } from '@kakehashi/auth';
import { Environment } from '@kakehashi/config';
import { Clock } from '@kakehashi/queue';
import { LinkIssuer, LinkRequest } from './link-issuer';
import { MailContextLoader } from './mail-context.loader';
import { LoadedMail } from './mail-row.loader';

const DAY_MS = 24 * 3600 * 1000;

class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
}

function supplierMail(over: Partial<LoadedMail>): LoadedMail {
  return {
    id: 'mail-1',
    organizationId: 'org-1',
    messageKey: 'reopen:assessment-1:1',
    assessmentStatus: 'in_progress',
    kind: 'reopened',
    status: 'queued',
    toEmail: 'tanaka@supplier.example',
    toName: '田中 一郎',
    locale: 'ja',
    contactId: 'contact-1',
    userId: null,
    campaignId: 'campaign-1',
    assessmentId: 'assessment-1',
    supplierName: '東海精機株式会社',
    campaignName: '2030年度 取引先セキュリティ調査',
    campaignStatus: 'launched',
    dueDate: '2030-06-30',
    dueDateRevision: 0,
    senderName: null,
    campaignMessage: null,
    reopenMessage: '指示8の回答を見直してください',
    organizationName: '株式会社架け橋',
    contactUndeliverable: false,
    ...over,
  };
}

/** The loader with a link issuer that records what it was asked for. */
function loaderAt(now: Date): { loader: MailContextLoader; issued: LinkRequest[] } {
  const issued: LinkRequest[] = [];
  const links = {
    issue: (request: LinkRequest) => {
      issued.push(request);
      return Promise.resolve('t'.repeat(43));
    },
  } as unknown as LinkIssuer;
  const env = { APP_URL: 'https://kakehashi.example/' } as Environment;
  const loader = new MailContextLoader({} as DataSource, links, env, new FixedClock(now));
  return { loader, issued };
}

describe('MailContextLoader: the link in a supplier mail', () => {
  it('gives a link mailed 66 days after the due date two weeks from now', async () => {
    const now = new Date('2030-09-04T01:00:00Z');
    const { loader, issued } = loaderAt(now);
    const context = await loader.load(supplierMail({}));
    expect(context.send).toBe(true);
    expect(issued).toHaveLength(1);
    expect(issued[0].expiresAt.getTime()).toBe(now.getTime() + 14 * DAY_MS);
    expect(issued[0].expiresAt.getTime()).toBeGreaterThan(dueDateGraceEnd('2030-06-30').getTime());
  });

  it('gives a link mailed before the due date the due date’s grace period', async () => {
    const { loader, issued } = loaderAt(new Date('2030-06-04T01:00:00Z'));
    await loader.load(supplierMail({ kind: 'invitation', messageKey: 'invite:assessment-1' }));
    expect(issued[0].expiresAt).toEqual(dueDateGraceEnd('2030-06-30'));
  });

  it('mints no link for a contact removed from the supplier', async () => {
    const { loader, issued } = loaderAt(new Date('2030-06-04T01:00:00Z'));
    const context = await loader.load(supplierMail({ contactId: null }));
    expect(context).toEqual({ send: false, reason: 'contact removed' });
    expect(issued).toEqual([]);
  });
});

describe('MailContextLoader: the day count of a reminder', () => {
  const reminder = supplierMail({ kind: 'reminder', messageKey: 'remind:assessment-1:before-3' });
  const daysLeftAt = async (now: string) => {
    const context = await loaderAt(new Date(now)).loader.load(reminder);
    return context.send && context.mail.kind === 'reminder' ? context.mail.data.daysLeft : null;
  };

  it('counts Tokyo days to the due date on the Clock, not on the real time', async () => {
    expect(await daysLeftAt('2030-06-27T01:00:00Z')).toBe(3); // 10:00 Tokyo, T-3
    expect(await daysLeftAt('2030-06-26T15:30:00Z')).toBe(3); // 00:30 Tokyo on the 27th
    expect(await daysLeftAt('2030-06-26T14:30:00Z')).toBe(4); // 23:30 Tokyo on the 26th
    expect(await daysLeftAt('2030-07-03T01:00:00Z')).toBe(-3);
  });
});

describe('MailContextLoader: the link to a new primary contact', () => {
  const contactChanged = (over: Partial<LoadedMail>) =>
    supplierMail({
      kind: 'contact_changed',
      messageKey: 'contact-changed:assessment-1:contact-1',
      contactPrimary: true,
      ...over,
    });

  it('sends the new primary contact a link of their own', async () => {
    const { loader, issued } = loaderAt(new Date('2030-06-04T01:00:00Z'));
    const context = await loader.load(contactChanged({}));
    expect(context).toMatchObject({
      send: true,
      mail: { kind: 'contact_changed', locale: 'ja', data: { campaignName: expect.any(String) } },
    });
    expect(issued).toEqual([expect.objectContaining({ contactId: 'contact-1' })]);
  });

  it('sends nothing once another contact became primary, or the supplier submitted', async () => {
    const { loader, issued } = loaderAt(new Date('2030-06-04T01:00:00Z'));
    // Re-addressed to the next primary contact when this one was removed: theirs comes apart.
    expect(await loader.load(contactChanged({ contactId: 'contact-2' }))).toEqual({
      send: false,
      reason: 'superseded by a later contact change',
    });
    expect(await loader.load(contactChanged({ contactPrimary: false }))).toEqual({
      send: false,
      reason: 'superseded by a later contact change',
    });
    expect(await loader.load(contactChanged({ assessmentStatus: 'submitted' }))).toEqual({
      send: false,
      reason: 'already submitted',
    });
    expect(issued).toEqual([]);
  });
});
