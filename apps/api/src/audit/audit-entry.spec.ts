import type { AuditEvent } from '@kakehashi/database';
import { detailLines, toAuditEntry, tokyoDateTime } from './audit-entry';
import type { AuditReferences } from './audit-references.query';
import { auditEventFilter } from './dto/audit-event-filter.query';

const SUPPLIER = '6a1c1f0e-0000-4000-8000-000000000001';
const USER = '6a1c1f0e-0000-4000-8000-000000000002';
const HEIR = '6a1c1f0e-0000-4000-8000-000000000003';
const FINDING = '6a1c1f0e-0000-4000-8000-000000000004';

const refs = (): AuditReferences => ({
  users: new Map([
    [USER, { name: '監査 太郎', email: 'taro@example.jp' }],
    [HEIR, { name: '調達 次郎', email: 'jiro@example.jp' }],
  ]),
  contacts: new Map(),
  suppliers: new Map([[SUPPLIER, '株式会社かけはし']]),
  campaigns: new Map(),
  assessments: new Map(),
  findings: new Map([
    [FINDING, { code: 'F-ACCESS-01', supplierId: SUPPLIER, supplierName: '株式会社かけはし' }],
  ]),
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
      code: 'supplier',
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

  it('names a finding by its supplier and code, linked to the supplier page', () => {
    const finding = event({
      action: 'finding.status_changed',
      targetType: 'finding',
      targetId: FINDING,
    });
    expect(toAuditEntry(finding, refs(), { locale: 'ja', role: 'auditor' }).target).toEqual({
      code: 'finding',
      type: '指摘事項',
      id: FINDING,
      name: '株式会社かけはし / F-ACCESS-01',
      href: `/dashboard/suppliers/${SUPPLIER}`,
    });
  });

  it('shows details in words: statuses by label, ids by name, the raw lines kept for the CSV', () => {
    const changed = event({
      action: 'finding.status_changed',
      targetType: 'finding',
      targetId: FINDING,
      details: { to: 'accepted', from: 'open', supplierId: SUPPLIER, note: '代替策あり' },
    });
    const ja = toAuditEntry(changed, refs(), { locale: 'ja', role: 'auditor' });
    expect(ja.readable).toEqual([
      { key: 'to', label: '変更後の状態', value: 'リスク受容', href: null },
      { key: 'from', label: '変更前の状態', value: '未対応', href: null },
      {
        key: 'supplierId',
        label: 'サプライヤー',
        value: '株式会社かけはし',
        href: `/dashboard/suppliers/${SUPPLIER}`,
      },
      { key: 'note', label: 'メモ', value: '代替策あり', href: null },
    ]);
    expect(ja.details).toEqual([
      { key: 'to', value: 'accepted' },
      { key: 'from', value: 'open' },
      { key: 'supplierId', value: SUPPLIER },
      { key: 'note', value: '代替策あり' },
    ]);
    const en = toAuditEntry(changed, refs(), { locale: 'en', role: 'auditor' });
    expect(en.readable.map((d) => `${d.label}: ${d.value}`)).toEqual([
      'Status after: Accepted',
      'Status before: Open',
      'Supplier: 株式会社かけはし',
      'Note: 代替策あり',
    ]);

    const handover = event({
      action: 'user.handed_over',
      targetType: 'user',
      targetId: USER,
      details: { toUserId: HEIR, suppliers: 2, campaigns: 1 },
    });
    expect(
      toAuditEntry(handover, refs(), { locale: 'ja', role: 'admin' }).readable.map((d) => [
        d.label,
        d.value,
        d.href,
      ]),
    ).toEqual([
      ['引き継ぎ先', '調達 次郎 <jiro@example.jp>', '/console/users'],
      ['引き継いだサプライヤー数', '2', null],
      ['引き継いだキャンペーン数', '1', null],
    ]);
    // An id not found in the organization, an unknown status, an unknown key: as recorded.
    const odd = event({
      action: 'finding.status_changed',
      details: { to: 'weird', supplierId: '6a1c1f0e-0000-4000-8000-0000000000ff', extra: [1] },
    });
    expect(toAuditEntry(odd, refs(), { locale: 'en', role: 'admin' }).readable).toEqual([
      { key: 'to', label: 'Status after', value: 'weird', href: null },
      {
        key: 'supplierId',
        label: 'Supplier',
        value: '6a1c1f0e-0000-4000-8000-0000000000ff',
        href: null,
      },
      { key: 'extra', label: 'extra', value: '[1]', href: null },
    ]);
  });
});
