// AudiusProject/apps#801: a failing notification write was logged but its transaction never rolled back (idle in transaction).
import { DataTypes, Model, type Sequelize } from 'sequelize';

class Notification extends Model {}

export async function pushAnnouncement(sequelize: Sequelize, userIds: number[], text: string): Promise<void> {
  Notification.init({ userId: DataTypes.INTEGER, text: DataTypes.STRING }, { sequelize });
  const t = await sequelize.transaction();
  try {
    for (const userId of userIds) {
      await Notification.create({ userId, text }, { transaction: t });
    }
    await t.commit();
  } catch (error) {
    console.error('announcement failed', error);
  }
}
