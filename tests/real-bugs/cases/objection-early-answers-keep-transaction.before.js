// LiteFarmOrg/LiteFarm#2880: the controller's early answers (400, 404) returned with the
// transaction from transaction.start() still open, and its check read through the model class,
// not the transaction: "Knex: Timeout acquiring a connection. The pool is probably full."
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
          return res.status(400).send();
        }
        if (await this.isDeleted(category_id)) {
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

  async isDeleted(category_id) {
    const category = await CategoryModel.query().where({ category_id }).first();
    return !category || category.deleted;
  },
};

export default categoryController;
