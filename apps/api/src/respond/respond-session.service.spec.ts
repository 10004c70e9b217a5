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

  it('binds CSRF tokens to their scope', () => {
    const a = service.create(input);
    const b = service.create(input);
    const token = service.csrfFor(`session:${a.sid}`);
    expect(service.checkCsrf(`session:${a.sid}`, token)).toBe(true);
    expect(service.checkCsrf(`session:${b.sid}`, token)).toBe(false);
    expect(service.checkCsrf(`session:${a.sid}`, undefined)).toBe(false);
  });
});
