// Infisical/infisical#6374 (review): SMTP sends ran inside userDAL.transaction, pinning a connection idle in transaction.
import type { Knex } from 'knex';
import type { Transporter } from 'nodemailer';

export class EmailChangeService {
  constructor(
    private readonly knex: Knex,
    private readonly mailer: Transporter,
  ) {}

  async requestChange(userId: string, newEmail: string): Promise<void> {
    await this.knex.transaction(async (tx) => {
      const user = await tx('users').where({ id: userId }).first();
      await tx('email_change_requests').insert({ user_id: userId, email: newEmail });
      await this.mailer.sendMail({ to: newEmail, subject: 'Confirm your new email address' });
      await this.mailer.sendMail({ to: user.email, subject: 'Security alert: email change requested' });
    });
  }
}
