// martinj/node-mysql-promise#2: the pooled connection was released only after a query that
// succeeded; a failing query rejected the promise and kept the connection checked out.
const mysql = require('mysql');

function Database() {
  this.pool = null;
}

Database.prototype.configure = function (config) {
  this.pool = mysql.createPool(config);
};

Database.prototype.query = function (sql, params) {
  return new Promise((resolve, reject) => {
    this.pool.getConnection((err, connection) => {
      if (err) {
        return reject(err);
      }
      connection.query(sql, params || {}, (queryError, rows) => {
        if (queryError) {
          return reject(queryError);
        }
        resolve(rows);
        connection.release();
      });
    });
  });
};

module.exports = Database;
