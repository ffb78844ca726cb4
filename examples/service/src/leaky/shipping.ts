import { transaction } from 'objection';

import { knex, Shipment, ShipmentEvent } from '../db.js';

/** Leak (Objection): the early answer for an unknown shipment leaves the transaction open. */
export async function markDelivered(shipmentId: number): Promise<boolean> {
  const trx = await transaction.start(knex);
  try {
    const shipment = await Shipment.query(trx).findById(shipmentId).forUpdate();
    if (!shipment) {
      return false;
    }
    await Shipment.query(trx).patch({ status: 'delivered' }).where('id', shipmentId);
    await trx.commit();
    return true;
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}

/** Leak (Objection): the event is not handed `trx`, so it is written on another connection. */
export async function cancel(shipmentId: number): Promise<void> {
  await Shipment.transaction(async (trx) => {
    await Shipment.query(trx).patch({ status: 'cancelled' }).where('id', shipmentId);
    await ShipmentEvent.query().insert({ shipmentId, kind: 'cancelled' });
  });
}
