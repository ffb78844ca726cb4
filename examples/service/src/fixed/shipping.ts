import { knex, Shipment, ShipmentEvent } from '../db.js';

/** Fixed: the managed transaction commits or rolls back on every return. */
export async function markDelivered(shipmentId: number): Promise<boolean> {
  return Shipment.transaction(knex, async (trx) => {
    const shipment = await Shipment.query(trx).findById(shipmentId).forUpdate();
    if (!shipment) {
      return false;
    }
    await Shipment.query(trx).patch({ status: 'delivered' }).where('id', shipmentId);
    return true;
  });
}

/** Fixed: every query of the transaction is handed `trx`. */
export async function cancel(shipmentId: number): Promise<void> {
  await Shipment.transaction(async (trx) => {
    await Shipment.query(trx).patch({ status: 'cancelled' }).where('id', shipmentId);
    await ShipmentEvent.query(trx).insert({ shipmentId, kind: 'cancelled' });
  });
}
