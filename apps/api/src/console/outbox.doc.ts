import { ApiProperty } from '@nestjs/swagger';

// Response shape of GET /admin/outbox, for the OpenAPI document only.

class OutboxMessage {
  @ApiProperty({ example: '2026-04-01T01-02-03-000Z-1a2b3c4d.eml' })
  file!: string;

  @ApiProperty({ format: 'date-time' })
  date!: string;

  @ApiProperty({ example: 'Kakehashi <no-reply@kakehashi.example>' })
  from!: string;

  @ApiProperty({ example: 'yamada@example.co.jp' })
  to!: string;

  @ApiProperty({
    example: '【株式会社サンプル】セキュリティ対策状況アンケートのご依頼(2026年度 上期)',
  })
  subject!: string;

  @ApiProperty()
  html!: string;

  @ApiProperty()
  messageId!: string;
}

export class OutboxListResponse {
  @ApiProperty({
    enum: ['smtp', 'file'],
    description: 'smtp: mail goes to the SMTP server and no new messages land here',
  })
  transport!: 'smtp' | 'file';

  @ApiProperty({ type: [OutboxMessage] })
  items!: OutboxMessage[];
}
