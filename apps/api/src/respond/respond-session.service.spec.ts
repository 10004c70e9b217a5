import { validateEnvironment } from '@kakehashi/config';
import { RespondSessionService } from './respond-session.service';

const service = new RespondSessionService(validateEnvironment({}));
const input = {
  organizationId: '00000000-0000-4000-8000-000000000001',
  assessmentId: '00000000-0000-4000-8000-000000000002',
  linkId: '00000000-0000-4000-8000-000000000003',
  contactId: null,
};

describe('RespondSessionService', () => {
  it('round-trips a signed session and refuses a tampered or expired one', () => {
    const session = service.create(input);
    const cookie = service.encode(session);
    expect(service.decode(cookie)).toEqual(session);

    const [body, signature] = cookie.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...session, assessmentId: '00000000-0000-4000-8000-000000000009' }),
    ).toString('base64url');
    expect(service.decode(`${forged}.${signature}`)).toBeNull();
    expect(service.decode(`${body}.${signature.slice(1)}`)).toBeNull();
    expect(service.decode(cookie, (session.exp + 1) * 1000)).toBeNull();
    expect(service.decode(undefined)).toBeNull();
  });

  it('knows an ended session for a week, for asking a fresh link, and never as a live one', () => {
    const session = service.create(input);
    const cookie = service.encode(session);
    const endedAt = session.exp * 1000;
    expect(service.ended(cookie, endedAt - 1000)).toBeNull();
    expect(service.ended(cookie, endedAt + 1000)).toEqual(session);
    expect(service.decode(cookie, endedAt + 1000)).toBeNull();
    expect(service.ended(cookie, endedAt + 6 * 24 * 3600_000)).toEqual(session);
    expect(service.ended(cookie, endedAt + 8 * 24 * 3600_000)).toBeNull();
    const [, signature] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ ...session, exp: 1 })).toString('base64url');
    expect(service.ended(`${forged}.${signature}`, endedAt + 1000)).toBeNull();
    expect(service.ended(undefined)).toBeNull();
  });

  it('binds CSRF tokens to their scope', () => {
    const a = service.create(input);
    const b = service.create(input);
    const token = service.csrfFor(`session:${a.sid}`);
    expect(service.checkCsrf(`session:${a.sid}`, token)).toBe(true);
    expect(service.checkCsrf(`session:${b.sid}`, token)).toBe(false);
    expect(service.checkCsrf(`session:${a.sid}`, undefined)).toBe(false);
  });
});
