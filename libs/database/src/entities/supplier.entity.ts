import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sameTenant } from './same-tenant';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export type SizeClass = 'sme' | 'large';

/** A supplier registered by a buyer tenant, with the buyer's view of how much it matters. */
@Entity({ name: 'suppliers' })
@Index('ix_suppliers_organization_name', ['organizationId', 'name'])
@Index('uq_suppliers_organization_corporate_number', ['organizationId', 'corporateNumber'], {
  unique: true,
  where: 'corporate_number IS NOT NULL',
})
// Lets tenant tables point at a supplier of their own tenant: (organization_id, supplier_id).
@Index('uq_suppliers_organization_id', ['organizationId', 'id'], { unique: true })
export class Supplier {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  /** A tenant with suppliers cannot be deleted: its data goes first, deliberately. */
  @ManyToOne(() => Organization, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_suppliers_organization' })
  organization?: Organization;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_romaji', type: 'text', nullable: true })
  nameRomaji!: string | null;

  /** 法人番号: 13 digits with a valid check digit. */
  @Column({ name: 'corporate_number', type: 'char', length: 13, nullable: true })
  corporateNumber!: string | null;

  @Column({ name: 'size_class', type: 'text', nullable: true })
  sizeClass!: SizeClass | null;

  /** 1 (low) to 3 (critical) for the buyer. */
  @Column({ type: 'smallint', default: 2 })
  criticality!: number;

  @Column({ name: 'handles_confidential_data', type: 'boolean', nullable: true })
  handlesConfidentialData!: boolean | null;

  @Column({ name: 'outage_impact', type: 'boolean', nullable: true })
  outageImpact!: boolean | null;

  @Column({ name: 'network_access', type: 'boolean', nullable: true })
  networkAccess!: boolean | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** The procurement user responsible for this supplier. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  /**
   * A user of the same tenant. Deleting the user clears only owner_id (the migration says
   * `SET NULL ("owner_id")`; TypeORM compares the action, not the column list).
   */
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn(sameTenant('owner_id', 'fk_suppliers_owner'))
  owner?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
