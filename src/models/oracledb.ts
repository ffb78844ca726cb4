import type { LibraryModel } from './model.js';

/** node-oracledb: `@types/oracledb`, everything under `declare namespace OracleDB`. */
export const oracledb: LibraryModel = {
  name: 'oracledb',
  packages: ['oracledb'],
  resources: [
    {
      id: 'oracledb.Connection',
      kind: 'connection',
      noun: 'connection',
      types: ['Connection'],
      acquire: [
        { owner: 'Pool', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
        { owner: 'OracleDB', method: 'getConnection', returns: 'promise', callback: { errorParam: 0, resourceParam: 1 } },
      ],
      // release() is an alias of close(); closing rolls back uncommitted work.
      release: ['close', 'release'],
      suggestUsing: true,
    },
    {
      id: 'oracledb.QueryStream',
      kind: 'cursor',
      noun: 'query stream',
      types: ['QueryStream'],
      acquire: [{ owner: 'Connection', method: 'queryStream', returns: 'value' }],
      release: ['destroy'],
      consumedBy: ['pipe'],
      closedByIteration: true,
      consumedByListener: ['data'],
    },
    {
      // An open result set is an open server cursor, counted against OPEN_CURSORS (ORA-01000).
      id: 'oracledb.ResultSet',
      kind: 'cursor',
      noun: 'result set',
      types: ['ResultSet'],
      acquire: [{ owner: 'Connection', method: 'execute', returns: 'promise', inProperty: { name: 'resultSet', whenOption: 'resultSet' } }],
      release: ['close'],
      closedByIteration: true,
      suggestUsing: true,
    },
  ],
  pools: [{ factories: [{ owner: 'OracleDB', method: 'createPool' }], size: { options: [['poolMax']], default: 4 }, closedBy: ['close'] }],
};
