// GEOLYTIX/xyz#2724: the ACL lookup released its client only after a query that did not throw.
import pg from 'pg';

let pool;

export const lookup = (() => {
  pool = new pg.Pool({ connectionString: process.env.ACL_URL });
  return findGrants;
})();

async function findGrants(sql, params) {
  try {
    const client = await pool.connect();
    const { rows } = await client.query(sql, params);
    client.release();
    return rows;
  } catch (error) {
    console.error(error);
    return error;
  }
}
