import { DEFAULT_QUIET_HOURS, OrganizationSettings, QuietHours } from '@kakehashi/database';
import { DEFAULT_TARGET_PROFILE } from '../dashboard/dashboard-summary.query';
import { TARGET_PROFILE_LENGTH } from './dto/update-organization-settings.dto';

/** What GET and PUT /organization/settings answer: the values in force, and the defaults. */
export interface OrganizationSettingsView {
  /** The tenant's sending window, the default filled in where it set nothing. */
  quietHours: QuietHours;
  /** The tenant's own target profile, or null when the dashboard draws the default. */
  targetProfile: number[] | null;
  defaults: { quietHours: QuietHours; targetProfile: number[] };
}

/** The settings an admin edits, as stored (null where the tenant set nothing), for the audit. */
export interface EditableSettings {
  quietHours: QuietHours | null;
  targetProfile: number[] | null;
}

/** The same merge as the worker's insideSendingWindow and the dashboard's target profile. */
export function toSettingsView(settings: OrganizationSettings | null): OrganizationSettingsView {
  const target = settings?.targetProfile;
  return {
    quietHours: { ...DEFAULT_QUIET_HOURS, ...settings?.quietHours },
    targetProfile:
      Array.isArray(target) && target.length === TARGET_PROFILE_LENGTH ? [...target] : null,
    defaults: {
      quietHours: { ...DEFAULT_QUIET_HOURS },
      targetProfile: [...DEFAULT_TARGET_PROFILE],
    },
  };
}

export function editableSettings(settings: OrganizationSettings | null): EditableSettings {
  return {
    quietHours: settings?.quietHours ?? null,
    targetProfile: settings?.targetProfile ?? null,
  };
}
