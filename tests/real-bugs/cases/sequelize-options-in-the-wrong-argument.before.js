// sequelize/sequelize#7136: { transaction: t } was passed as a second argument destroy() does not take, so both deletes ran outside the transaction.
import { DataTypes, Model } from 'sequelize';

class Klass extends Model {}
class Teach extends Model {}

/** @param {import('sequelize').Sequelize} sequelize */
export async function removeClass(sequelize, id) {
  Klass.init({ masterId: DataTypes.INTEGER }, { sequelize });
  Teach.init({ classId: DataTypes.INTEGER }, { sequelize });
  await sequelize.transaction(async (t) => {
    await Klass.destroy({ where: { id } }, { transaction: t });
    await Teach.destroy({ where: { classId: id } }, { transaction: t });
  });
}
