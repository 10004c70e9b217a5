import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, Repository } from 'typeorm';
import { AuthenticatedUser } from '@kakehashi/auth';
import { AuditService, Organization, OrganizationSettings } from '@kakehashi/database';
import { UpdateOrganizationSettingsDto } from './dto/update-organization-settings.dto';
import {
  editableSettings,
  OrganizationSettingsView,
  toSettingsView,
} from './organization-settings.view';

/** The caller's own tenant settings: reminder quiet hours and the dashboard's target profile. */
@Injectable()
export class OrganizationSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly audit: AuditService,
  ) {}

  async get(organizationId: string): Promise<OrganizationSettingsView> {
    const organization = await this.organizations.findOne({
      where: { id: organizationId },
      select: { id: true, settings: true },
    });
    if (!organization) throw new NotFoundException('organization not found');
    return toSettingsView(organization.settings);
  }

  /**
   * Changes only the keys the caller sent; other settings (and keys this API does not know) are
   * kept. A change is audited with the stored values before and after; a no-op is not.
   */
  async update(
    user: AuthenticatedUser,
    dto: UpdateOrganizationSettingsDto,
  ): Promise<OrganizationSettingsView> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Organization);
      const organization = await repository.findOne({
        where: { id: user.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization) throw new NotFoundException('organization not found');
      const stored: OrganizationSettings = organization.settings ?? {};
      const next: OrganizationSettings = { ...stored };
      if (dto.quietHours === null) delete next.quietHours;
      else if (dto.quietHours !== undefined) {
        const { startHour, endHour, weekdaysOnly } = dto.quietHours;
        next.quietHours = { startHour, endHour, weekdaysOnly };
      }
      if (dto.targetProfile === null) delete next.targetProfile;
      else if (dto.targetProfile !== undefined) next.targetProfile = [...dto.targetProfile];

      const before = editableSettings(stored);
      const after = editableSettings(next);
      if (!isDeepStrictEqual(before, after)) {
        await repository.update({ id: organization.id }, { settings: next });
        await this.audit.record(
          {
            organizationId: organization.id,
            actorType: 'user',
            actorId: user.id,
            action: 'organization.settings_updated',
            targetType: 'organization',
            targetId: organization.id,
            details: { before, after },
          },
          manager,
        );
      }
      return toSettingsView(next);
    });
  }
}
