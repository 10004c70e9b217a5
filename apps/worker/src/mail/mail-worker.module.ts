import { Module } from '@nestjs/common';
import { MailModule } from '@kakehashi/mail';
import { ClockModule } from '@kakehashi/queue';
import { LinkIssuer } from './link-issuer';
import { MailContextLoader } from './mail-context.loader';
import { MailDeliveryRecorder } from './mail-delivery.recorder';
import { MailRowLoader } from './mail-row.loader';
import { SendMailProcessor } from './send-mail.processor';

@Module({
  imports: [MailModule, ClockModule],
  providers: [
    MailRowLoader,
    LinkIssuer,
    MailContextLoader,
    MailDeliveryRecorder,
    SendMailProcessor,
  ],
})
export class MailWorkerModule {}
