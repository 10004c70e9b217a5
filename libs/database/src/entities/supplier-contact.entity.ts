import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { sameTenant } from './same-tenant';
import { Supplier } from './supplier.entity';

export type ContactLanguage = 'ja' | 'en';

/** A person at a supplier who receives questionnaires; exactly one per supplier is primary. */
@Entity({ name: 'supplier_contacts' })
@Index('ix_supplier_contacts_supplier', ['supplierId'])
@Index('uq_supplier_contacts_primary', ['supplierId'], { unique: true, where: 'is_primary' })
// Lets mail and links point at a contact of their own tenant: (organization_id, contact_id).
@Index('uq_supplier_contacts_organization_id', ['organizationId', 'id'], { unique: true })
export class SupplierContact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  /** A supplier of the same tenant; the contacts go with it. */
  @ManyToOne(() => Supplier, { onDelete: 'CASCADE' })
  @JoinColumn(sameTenant('supplier_id', 'fk_supplier_contacts_supplier'))
  supplier?: Supplier;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', default: 'ja' })
  language!: ContactLanguage;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary!: boolean;

  /** Set when the mail server rejected the address permanently (5xx); no more mail goes there. */
  @Column({ name: 'undeliverable_at', type: 'timestamptz', nullable: true })
  undeliverableAt!: Date | null;

  @Column({ name: 'undeliverable_reason', type: 'text', nullable: true })
  undeliverableReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
