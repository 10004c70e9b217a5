import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationSettingsService } from './organization-settings.service';
import { SettingsPageController } from './pages/settings-page.controller';

/** Tenant settings (reminder quiet hours, target profile): the JSON API and the console page. */
@Module({
  imports: [DatabaseModule],
  controllers: [OrganizationSettingsController, SettingsPageController],
  providers: [OrganizationSettingsService],
})
export class OrganizationSettingsModule {}
