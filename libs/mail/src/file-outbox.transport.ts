import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { MailTransport, OutgoingMail, SendResult } from './mail-transport';

/** What the file outbox keeps beside each .eml, for the console. */
export interface OutboxEntry {
  file: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * Development transport: each message becomes `<time>-<id>.eml` (the exact MIME a server
 * would get) and `.json` (for the console) under `${DATA_DIR}/outbox`, so no mail server is needed.
 */
export class FileOutboxTransport implements MailTransport {
  readonly kind = 'file' as const;
  private readonly builder = createTransport({ streamTransport: true, buffer: true });

  constructor(private readonly directory: string) {}

  async send(mail: OutgoingMail): Promise<SendResult> {
    await mkdir(this.directory, { recursive: true });
    const info = await this.builder.sendMail({
      from: mail.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
    const date = new Date();
    const base = `${date.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const entry: OutboxEntry = {
      file: `${base}.eml`,
      date: date.toISOString(),
      from: `${mail.from.name} <${mail.from.address}>`,
      to: mail.to.address,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: info.messageId,
    };
    await writeFile(join(this.directory, `${base}.eml`), info.message as Buffer);
    await writeFile(join(this.directory, `${base}.json`), JSON.stringify(entry, null, 2));
    return { messageId: info.messageId, response: `250 written to ${entry.file}` };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The newest `limit` messages of a file outbox (empty when nothing was written yet). */
export async function readFileOutbox(directory: string, limit = 50): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const latest = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .reverse()
    .slice(0, limit);
  const entries = await Promise.all(
    latest.map(
      async (name) => JSON.parse(await readFile(join(directory, name), 'utf8')) as OutboxEntry,
    ),
  );
  return entries;
}

export function outboxDirectory(dataDir: string): string {
  return join(dataDir, 'outbox');
}
