// martinj/node-mysql-promise#2, fixed: the connection is released on the error path too.
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
          connection.release();
          return reject(queryError);
        }
        resolve(rows);
        connection.release();
      });
    });
  });
};

module.exports = Database;
