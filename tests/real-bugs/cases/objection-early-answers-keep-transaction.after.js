// LiteFarmOrg/LiteFarm#2880, fixed: every early answer rolls the transaction back, and the check
// is handed the transaction.
import { Model, transaction } from 'objection';

class CategoryModel extends Model {
  static get tableName() {
    return 'expense_category';
  }
}

const categoryController = {
  updateCategory() {
    return async (req, res) => {
      const trx = await transaction.start(Model.knex());
      const { category_id } = req.params;
      const data = req.body;
      try {
        if (data.farm_id && data.farm_id !== req.headers.farm_id) {
          await trx.rollback();
          return res.status(400).send();
        }
        if (await this.isDeleted(category_id, trx)) {
          await trx.rollback();
          return res.status(404).send();
        }
        const result = await CategoryModel.query(trx).patchAndFetchById(category_id, data);
        await trx.commit();
        return result ? res.status(204).send() : res.status(404).send();
      } catch (error) {
        await trx.rollback();
        return res.status(400).send(error);
      }
    };
  },

  async isDeleted(category_id, trx) {
    const category = await CategoryModel.query(trx).where({ category_id }).first();
    return !category || category.deleted;
  },
};

export default categoryController;
