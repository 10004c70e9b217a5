import { Module } from '@nestjs/common';
import { OutboxPageController } from './outbox-page.controller';
import { OutboxController } from './outbox.controller';

@Module({ controllers: [OutboxController, OutboxPageController] })
export class OutboxConsoleModule {}
