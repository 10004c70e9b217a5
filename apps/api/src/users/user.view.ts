import type { UserRole, UserStatus } from '@kakehashi/database';

/** A user as the API and the console page show it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  locale: string;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  deactivatedAt: string | null;
  /** The open invitation of an invited user (the latest link mailed), else null. */
  invitation: { createdAt: string; expiresAt: string; expired: boolean } | null;
  /** Suppliers this user owns, and campaigns not closed that this user owns. */
  ownedSuppliers: number;
  openCampaigns: number;
}

/** One row of the list query (users joined to their latest open invitation). */
export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  locale: string;
  hasPassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  deactivatedAt: Date | null;
  invitedAt: Date | null;
  invitationExpiresAt: Date | null;
  ownedSuppliers: number;
  openCampaigns: number;
}

export function toUserView(row: UserRow, now = new Date()): UserView {
  const status: UserStatus = row.deactivatedAt
    ? 'deactivated'
    : row.hasPassword
      ? 'active'
      : 'invited';
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    locale: row.locale,
    status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    invitation:
      status === 'invited' && row.invitedAt && row.invitationExpiresAt
        ? {
            createdAt: row.invitedAt.toISOString(),
            expiresAt: row.invitationExpiresAt.toISOString(),
            expired: row.invitationExpiresAt.getTime() <= now.getTime(),
          }
        : null,
    ownedSuppliers: row.ownedSuppliers,
    openCampaigns: row.openCampaigns,
  };
}
