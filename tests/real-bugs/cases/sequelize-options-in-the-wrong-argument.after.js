// sequelize/sequelize#7136, fixed as the answer showed: the transaction is part of the one options object.
import { DataTypes, Model } from 'sequelize';

class Klass extends Model {}
class Teach extends Model {}

/** @param {import('sequelize').Sequelize} sequelize */
export async function removeClass(sequelize, id) {
  Klass.init({ masterId: DataTypes.INTEGER }, { sequelize });
  Teach.init({ classId: DataTypes.INTEGER }, { sequelize });
  await sequelize.transaction(async (t) => {
    await Klass.destroy({ where: { id }, transaction: t });
    await Teach.destroy({ where: { classId: id }, transaction: t });
  });
}
