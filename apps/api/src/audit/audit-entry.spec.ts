import type { AuditEvent } from '@kakehashi/database';
import { detailLines, toAuditEntry, tokyoDateTime } from './audit-entry';
import type { AuditReferences } from './audit-references.query';
import { auditEventFilter } from './dto/audit-event-filter.query';

const SUPPLIER = '6a1c1f0e-0000-4000-8000-000000000001';
const USER = '6a1c1f0e-0000-4000-8000-000000000002';

const refs = (): AuditReferences => ({
  users: new Map([[USER, { name: '監査 太郎', email: 'taro@example.jp' }]]),
  contacts: new Map(),
  suppliers: new Map([[SUPPLIER, '株式会社かけはし']]),
  campaigns: new Map(),
  assessments: new Map(),
});

const event = (over: Partial<AuditEvent>): AuditEvent =>
  ({
    id: '7',
    organizationId: 'org',
    actorType: 'user',
    actorId: USER,
    action: 'supplier.update',
    targetType: 'supplier',
    targetId: SUPPLIER,
    details: {},
    ip: '203.0.113.9',
    createdAt: new Date('2026-03-31T15:00:01.500Z'),
    ...over,
  }) as AuditEvent;

describe('an audit event in words', () => {
  it('gives Japan time to the second', () => {
    expect(tokyoDateTime(new Date('2026-03-31T15:00:01.500Z'))).toBe('2026-04-01 00:00:01');
    expect(tokyoDateTime(new Date('2026-12-31T14:59:59Z'))).toBe('2026-12-31 23:59:59');
  });

  it('reads a Tokyo date range as instants, the last day included', () => {
    const filter = auditEventFilter({ from: '2026-04-01', to: '2026-04-01' });
    expect(filter.since?.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(filter.before?.toISOString()).toBe('2026-04-01T15:00:00.000Z');
    expect(auditEventFilter({})).toEqual({});
  });

  it('writes details as key: value, nested values as JSON', () => {
    expect(
      detailLines({ name: '<b>x</b>', count: 3, on: false, none: null, changes: { role: ['a'] } }),
    ).toEqual([
      { key: 'name', value: '<b>x</b>' },
      { key: 'count', value: '3' },
      { key: 'on', value: 'false' },
      { key: 'none', value: 'null' },
      { key: 'changes', value: '{"role":["a"]}' },
    ]);
    expect(detailLines({})).toEqual([]);
  });

  it('names the actor and links a target the role may open', () => {
    const entry = toAuditEntry(event({}), refs(), { locale: 'ja', role: 'auditor' });
    expect(entry.actor).toEqual({ type: 'ユーザー', name: '監査 太郎', email: 'taro@example.jp' });
    expect(entry.action).toEqual({ code: 'supplier.update', label: 'サプライヤーを変更' });
    expect(entry.target).toEqual({
      type: 'サプライヤー',
      id: SUPPLIER,
      name: '株式会社かけはし',
      href: `/dashboard/suppliers/${SUPPLIER}`,
    });
    // The users page is for admins only; a target not found in the organization has no link.
    const user = event({ targetType: 'user', targetId: USER });
    expect(toAuditEntry(user, refs(), { locale: 'en', role: 'auditor' }).target?.href).toBeNull();
    expect(toAuditEntry(user, refs(), { locale: 'en', role: 'admin' }).target?.href).toBe(
      '/console/users',
    );
    const gone = event({ targetId: '6a1c1f0e-0000-4000-8000-0000000000ff' });
    expect(toAuditEntry(gone, refs(), { locale: 'ja', role: 'admin' }).target).toMatchObject({
      name: null,
      href: null,
    });
  });

  it('shows actors other than users by their kind', () => {
    const system = event({ actorType: 'system', actorId: null });
    expect(toAuditEntry(system, refs(), { locale: 'ja', role: 'admin' }).actor).toEqual({
      type: 'システム',
      name: null,
      email: null,
    });
    const supplier = event({ actorType: 'supplier', actorId: SUPPLIER });
    expect(toAuditEntry(supplier, refs(), { locale: 'en', role: 'admin' }).actor.type).toBe(
      'Supplier',
    );
  });
});
