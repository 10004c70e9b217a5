import { Module } from '@nestjs/common';
import { DatabaseModule } from '@kakehashi/database';
import { ManageUsersService } from './manage-users.service';
import { PasswordResetRequestService } from './password-reset-request.service';
import { ForgotPasswordPageController } from './pages/forgot-password-page.controller';
import { SetPasswordPageController } from './pages/set-password-page.controller';
import { UsersPageController } from './pages/users-page.controller';
import { SetPasswordService } from './set-password.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Tenant admins manage their users (the JSON API and the console page), invited people set
 * their password through the emailed link, and people who forgot theirs ask for a reset link
 * on the login page.
 */
@Module({
  imports: [DatabaseModule],
  controllers: [
    UsersController,
    UsersPageController,
    SetPasswordPageController,
    ForgotPasswordPageController,
  ],
  providers: [UsersService, ManageUsersService, SetPasswordService, PasswordResetRequestService],
})
export class UsersModule {}
