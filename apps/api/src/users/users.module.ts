import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { ManageUsersService } from './manage-users.service';
import { SetPasswordPageController } from './pages/set-password-page.controller';
import { UsersPageController } from './pages/users-page.controller';
import { SetPasswordService } from './set-password.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Tenant admins manage their users (the JSON API and the console page), and invited people set
 * their password through the emailed link.
 */
@Module({
  imports: [DatabaseModule],
  controllers: [UsersController, UsersPageController, SetPasswordPageController],
  providers: [UsersService, ManageUsersService, SetPasswordService],
})
export class UsersModule {}
