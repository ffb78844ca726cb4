// GEOLYTIX/xyz#2724, fixed: the client is released in finally, whatever the query does.
import pg from 'pg';

let pool;

export const lookup = (() => {
  pool = new pg.Pool({ connectionString: process.env.ACL_URL, connectionTimeoutMillis: 5000 });
  return findGrants;
})();

async function findGrants(sql, params) {
  let client;
  try {
    client = await pool.connect();
    const { rows } = await client.query(sql, params);
    return rows;
  } catch (error) {
    console.error(error);
    return error;
  } finally {
    client?.release();
  }
}
