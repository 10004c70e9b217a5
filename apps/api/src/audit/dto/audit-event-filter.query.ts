import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { AUDIT_ACTOR_TYPES, type AuditActorType, type AuditEventFilter } from '@kakehashi/database';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function IsCalendarDate(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a real date YYYY-MM-DD' },
      validator: { validate: isCalendarDate },
    });
}

/** The end of a date range is not before its start (both given as YYYY-MM-DD). */
function IsNotBefore(start: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [start],
      options: { message: `$property must not be before ${start}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const from = (args.object as Record<string, unknown>)[start];
          return !isCalendarDate(from) || !isCalendarDate(value) || value >= from;
        },
      },
    });
}

/** The filters of the audit trail, shared by the paged list and the CSV export. */
export class AuditEventFilterQuery {
  @ApiPropertyOptional({
    example: 'supplier.create',
    maxLength: 100,
    description: 'Only events with exactly this action',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({
    enum: AUDIT_ACTOR_TYPES,
    description: 'Only events by this kind of actor (supplier: a contact through their link)',
  })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_TYPES, { message: `actorType must be one of ${AUDIT_ACTOR_TYPES.join(', ')}` })
  actorType?: AuditActorType;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only events by this user or supplier contact',
  })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({
    example: 'supplier',
    maxLength: 100,
    description: 'Only events about this kind of target (supplier, campaign, assessment, user…)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string;

  @ApiPropertyOptional({
    example: '0b0c3f5e-6a7d-4a39-9c1e-2f4d5b6a7c8d',
    maxLength: 320,
    description:
      'Only events about this one target, by the id recorded (a supplier, campaign, assessment, user or finding id…); add targetType for that kind only',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  targetId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-04-01',
    description: 'Only events on or after this day (YYYY-MM-DD, Asia/Tokyo)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-04-30',
    description: 'Only events on or before this day (YYYY-MM-DD, Asia/Tokyo, inclusive)',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first instant of a calendar day (YYYY-MM-DD) in Asia/Tokyo (no daylight saving there). */
function tokyoDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

/** The validated query as the audit trail reads it: the Tokyo days as instants, `to` included. */
export function auditEventFilter(query: AuditEventFilterQuery): AuditEventFilter {
  return {
    action: query.action,
    actorType: query.actorType,
    actorId: query.actorId,
    targetType: query.targetType,
    targetId: query.targetId,
    since: query.from ? tokyoDayStart(query.from) : undefined,
    before: query.to ? new Date(tokyoDayStart(query.to).getTime() + DAY_MS) : undefined,
  };
}
