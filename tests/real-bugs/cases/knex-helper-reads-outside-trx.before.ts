// NangoHQ/nango#3714: inside a transaction, a service helper read through the root knex (a second connection per request).
import type { Knex } from 'knex';

declare const db: { knex: Knex };

export const environmentService = {
  async slackNotificationsEnabled(environmentId: number): Promise<boolean> {
    const row = await db.knex('environments').where({ id: environmentId }).first('slack_notifications');
    return !!row?.slack_notifications;
  },
};

export async function reportFailure(environmentId: number, connectionId: string): Promise<void> {
  await db.knex.transaction(async (trx) => {
    const enabled = await environmentService.slackNotificationsEnabled(environmentId);
    if (enabled) {
      await trx('slack_notifications').insert({ environment_id: environmentId, connection_id: connectionId });
    }
  });
}
