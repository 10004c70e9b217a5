import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface OrganizationSettings {
  /** Reminders go out only inside these Asia/Tokyo hours on weekdays (default 9–18). */
  quietHours?: { startHour: number; endHour: number; weekdaysOnly: boolean };
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
