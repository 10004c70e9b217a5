import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '@kakehashi/config';
import { MailData, RenderedMail } from './mail-data.types';
import { MAIL_TRANSPORT, MailTransport, SendResult } from './mail-transport';
import { MailRenderer } from './mail-renderer';

export interface SendRequest {
  mail: MailData;
  to: { name?: string | null; address: string };
  /** Display name of the sender (campaign senderName or tenant name); the address is MAIL_FROM's. */
  fromName: string;
  /** The person replies reach (MAIL_FROM is a no-reply address). */
  replyTo?: { name: string; address: string };
  /** Traced in the X-Kakehashi-Message-Key header. */
  messageKey?: string;
}

/** Parses the address out of `Name <address>` or a bare address. */
export function mailFromAddress(mailFrom: string): string {
  const match = /<([^>]+)>/.exec(mailFrom);
  return (match ? match[1] : mailFrom).trim();
}

/** Renders a message and hands it to the configured transport; transactional, no bulk headers. */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly fromAddress: string;

  constructor(
    private readonly renderer: MailRenderer,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    env: Environment,
  ) {
    this.fromAddress = mailFromAddress(env.MAIL_FROM);
  }

  get transportKind(): MailTransport['kind'] {
    return this.transport.kind;
  }

  render(mail: MailData): RenderedMail {
    return this.renderer.render(mail);
  }

  async send(request: SendRequest): Promise<SendResult & { subject: string }> {
    const rendered = this.renderer.render(request.mail);
    const result = await this.transport.send({
      from: { name: request.fromName, address: this.fromAddress },
      to: request.to,
      replyTo: request.replyTo,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: request.messageKey ? { 'X-Kakehashi-Message-Key': request.messageKey } : undefined,
    });
    return { ...result, subject: rendered.subject };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
