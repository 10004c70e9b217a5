import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { MailTransport, OutgoingMail, SendResult } from './mail-transport';

export interface SmtpTransportOptions {
  url: string;
  /** Messages per second over the whole pool (nodemailer's rateDelta/rateLimit). */
  ratePerSecond: number;
  maxConnections?: number;
}

/** Builds nodemailer's pool options from an smtp:// or smtps:// URL. */
export function smtpPoolOptions(options: SmtpTransportOptions): SMTPPool.Options {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  // nodemailer's rate limiter counts whole messages per window; a one-second window with
  // fractional rates would round to zero, so slow rates use a longer window instead.
  const rateDelta = options.ratePerSecond >= 1 ? 1000 : Math.ceil(1000 / options.ratePerSecond);
  const rateLimit = Math.max(1, Math.floor(options.ratePerSecond));
  return {
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 1000,
    // nodemailer would silently re-send a message whose connection dropped (a 421 closes it);
    // BullMQ owns retries instead, so every try is counted on the mail row.
    maxRequeues: 0,
    rateDelta,
    rateLimit,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

/** Pooled, rate-limited SMTP through nodemailer. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;

  constructor(options: SmtpTransportOptions) {
    this.transporter = createTransport(smtpPoolOptions(options));
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    const info = await this.transporter.sendMail({
      from: mail.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
    return { messageId: info.messageId, response: info.response };
  }

  close(): Promise<void> {
    this.transporter.close();
    return Promise.resolve();
  }
}
