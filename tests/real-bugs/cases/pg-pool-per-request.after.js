// faradayio/tilesplash#38, fixed: one pool, made when the middleware is set up.
import pg from 'pg';

export function databaseMiddleware(options) {
  const pool = new pg.Pool(options);
  pool.on('error', (error) => console.error('idle client failed', error));
  return function attach(req, res, next) {
    req.db = {};
    req.db.query = function query(text, values, callback) {
      pool.connect((err, client, done) => {
        if (err) {
          callback(err);
          done();
          return;
        }
        res.on('finish', done);
        client.query(text, values, (queryError, result) => {
          callback(queryError, result);
          done();
        });
      });
    };
    next();
  };
}
