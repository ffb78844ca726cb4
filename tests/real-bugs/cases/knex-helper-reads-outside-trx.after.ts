// NangoHQ/nango#3714, fixed: the helper is given the transaction.
import type { Knex } from 'knex';

declare const db: { knex: Knex };

export const environmentService = {
  async slackNotificationsEnabled(environmentId: number, trx: Knex = db.knex): Promise<boolean> {
    const row = await trx('environments').where({ id: environmentId }).first('slack_notifications');
    return !!row?.slack_notifications;
  },
};

export async function reportFailure(environmentId: number, connectionId: string): Promise<void> {
  await db.knex.transaction(async (trx) => {
    const enabled = await environmentService.slackNotificationsEnabled(environmentId, trx);
    if (enabled) {
      await trx('slack_notifications').insert({ environment_id: environmentId, connection_id: connectionId });
    }
  });
}
