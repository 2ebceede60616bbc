import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail over SMTP (nodemailer) to SMTP_URL. Without SMTP_URL outside production,
 * a mail is written to the log instead, links and all: that is how a developer without
 * a mail catcher follows a reset link. In production there is no such path, so no
 * mailed secret can reach a log line: without SMTP_URL, password reset is off
 * (PasswordResetEnabledGuard), and a mail that got here anyway is refused.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport?: Transporter;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    if (config.smtpUrl) {
      const url = new URL(config.smtpUrl);
      const secure = url.protocol === 'smtps:';
      this.transport = createTransport({
        host: url.hostname,
        port: Number(url.port) || (secure ? 465 : 587),
        secure,
        auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
        // Bounded, so that a hung mail server cannot hold a shutdown for minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    }
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      if (this.config.nodeEnv === 'production') throw new Error('SMTP_URL is not set: no mail can be sent');
      this.logger.log(`SMTP_URL is not set, so this mail was not sent: to ${mail.to}, "${mail.subject}": ${mail.text}`);
      return;
    }
    await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
