import { recipientCells } from './assessment-recipients.presenter';

describe('recipientCells', () => {
  it('shows the contact alone while the invitation went to them (in any letter case) or is not out', () => {
    expect(
      recipientCells('ja', {
        contactEmail: 'Tanaka@Supplier.example',
        invitationEmail: 'tanaka@supplier.example',
        delivery: 'sent',
        contactDelivery: 'sent',
      }),
    ).toEqual({ contactEmail: 'Tanaka@Supplier.example', invitedTo: null });
    expect(
      recipientCells('ja', { contactEmail: null, invitationEmail: null, delivery: 'queued' }),
    ).toEqual({ contactEmail: '—', invitedTo: null });
  });

  it('names whom the invitation went to and the contact now, each with the state of their mail', () => {
    const row = {
      contactEmail: 'new@naniwa.example.jp',
      invitationEmail: 'old@naniwa.example.jp',
      delivery: 'sent' as const,
      contactDelivery: 'queued' as const,
    };
    expect(recipientCells('ja', row)).toEqual({
      invitedTo: '招待: old@naniwa.example.jp 送信済み',
      contactEmail: '現在の担当: new@naniwa.example.jp 送信待ち',
    });
    expect(recipientCells('en', { ...row, contactDelivery: undefined })).toEqual({
      invitedTo: 'Invited: old@naniwa.example.jp Sent',
      contactEmail: 'Current contact: new@naniwa.example.jp Not sent',
    });
    expect(recipientCells('ja', { ...row, contactEmail: null }).contactEmail).toBe(
      '現在の担当: なし',
    );
  });
});
