import { Module } from '@nestjs/common';
import { Environment } from '@kakehashi/config';
import { FileOutboxTransport, outboxDirectory } from './file-outbox.transport';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { MailRenderer } from './mail-renderer';
import { MailSender } from './mail-sender';
import { SmtpMailTransport } from './smtp-mail.transport';

/** SMTP when SMTP_URL is set, otherwise the development file outbox under DATA_DIR. */
export function createMailTransport(env: Environment): MailTransport {
  if (env.SMTP_URL) {
    return new SmtpMailTransport({ url: env.SMTP_URL, ratePerSecond: env.MAIL_RATE_PER_SECOND });
  }
  return new FileOutboxTransport(outboxDirectory(env.DATA_DIR));
}

@Module({
  providers: [
    { provide: MailRenderer, useFactory: () => new MailRenderer() },
    { provide: MAIL_TRANSPORT, inject: [Environment], useFactory: createMailTransport },
    MailSender,
  ],
  exports: [MailRenderer, MailSender, MAIL_TRANSPORT],
})
export class MailModule {}
