import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Asia/Tokyo hours [startHour, endHour) in which reminders may go out. */
export interface QuietHours {
  startHour: number;
  endHour: number;
  weekdaysOnly: boolean;
}

/** The sending window of a tenant that has not set its own: 9:00–18:00 Tokyo, weekdays. */
export const DEFAULT_QUIET_HOURS: Readonly<QuietHours> = Object.freeze({
  startHour: 9,
  endHour: 18,
  weekdaysOnly: true,
});

export interface OrganizationSettings {
  /** Reminders go out only inside these Asia/Tokyo hours (default DEFAULT_QUIET_HOURS). */
  quietHours?: QuietHours;
  /** Target maturity per directive (10 numbers) drawn on the dashboard radar. */
  targetProfile?: number[];
}

/** A buyer company: the tenant. Every tenant-owned row carries its id. */
@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  /** Tenant settings: reminder quiet hours, the dashboard's target profile. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: OrganizationSettings;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
