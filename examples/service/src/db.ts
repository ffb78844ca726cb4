// Shared database handles of the example service.
import knexFactory from 'knex';
import mysqljs from 'mysql';
import mysql from 'mysql2/promise';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { Model } from 'objection';
import pg from 'pg';
import postgres from 'postgres';

export const pool = new pg.Pool({ max: 10, connectionTimeoutMillis: 5_000 });
pool.on('error', (error) => console.error('idle database client failed', error));
export const mysqlPool = mysql.createPool({ host: '127.0.0.1', connectionLimit: 10 });
// The billing module still on the original mysql package and its callbacks.
export const legacyMysqlPool = mysqljs.createPool({ host: '127.0.0.1', connectionLimit: 5 });
export const sql = postgres({ max: 10 });
export const mongo = new MongoClient('mongodb://127.0.0.1:27017');
export const knex = knexFactory({ client: 'pg' });
// The shipping module's Objection models, on that knex.
Model.knex(knex);
export class Shipment extends Model {
  static tableName = 'shipments';
}
export class ShipmentEvent extends Model {
  static tableName = 'shipment_events';
}
// The catalogue service's Mongoose models, on Mongoose's default connection.
export const Stock = mongoose.model('Stock', new mongoose.Schema({ sku: String, qty: Number }));
export const StockMove = mongoose.model('StockMove', new mongoose.Schema({ sku: String, delta: Number }));

export interface User {
  id: string;
  email: string;
}
