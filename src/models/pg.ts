import type { LibraryModel } from './model.js';

/**
 * node-postgres: `@types/pg` (pg-pool's API is declared on `Pool` there). Neon's serverless
 * driver is node-postgres's API over a WebSocket, with node-postgres's declarations bundled in.
 */
export const pg: LibraryModel = {
  name: 'pg',
  packages: ['pg', 'pg-pool', 'pg-cursor', 'pg-query-stream', '@neondatabase/serverless'],
  resources: [
    {
      id: 'pg.PoolClient',
      kind: 'connection',
      noun: 'client',
      types: ['PoolClient'],
      acquire: [
        {
          owner: 'Pool',
          method: 'connect',
          returns: 'promise',
          callback: { errorParam: 0, resourceParam: 1, releaseParam: 2 },
        },
      ],
      // release(truthy) destroys the client instead of returning it; both end the obligation.
      release: ['release'],
      releaseBroken: { method: 'release', passError: true },
      keptOpenForEvents: ['notification'],
    },
    {
      id: 'pg.Client',
      kind: 'connection',
      noun: 'client',
      acquire: [{ owner: 'Client', method: 'connect', returns: 'receiver' }],
      release: ['end'],
      keptOpenForEvents: ['notification'],
    },
    {
      // `client.query(new Cursor(…))` keeps a portal open, and the client's query queue blocked,
      // until `close()` or until `read()` finds no rows left.
      id: 'pg.Cursor',
      kind: 'cursor',
      noun: 'cursor',
      types: ['Cursor'],
      acquire: [
        { owner: 'ClientBase', method: 'query', returns: 'value', argumentType: 'Cursor' },
        // The typings promise the cursor back; at run time the pool's release callback is
        // never called, so the client it checked out is never given back.
        { owner: 'Pool', method: 'query', returns: 'value', argumentType: 'Cursor', alwaysLeaks: true },
      ],
      release: ['close'],
      exhaustedBy: ['read'],
    },
    {
      // pg-query-stream: consumed to the end (`for await`, `pipe`, a `data` listener) or destroyed.
      id: 'pg.QueryStream',
      kind: 'cursor',
      noun: 'query stream',
      types: ['QueryStream'],
      acquire: [
        { owner: 'ClientBase', method: 'query', returns: 'value', argumentType: 'QueryStream' },
        // As with a cursor: the pool's release callback is never called for a stream.
        { owner: 'Pool', method: 'query', returns: 'value', argumentType: 'QueryStream', alwaysLeaks: true },
      ],
      release: ['destroy'],
      consumedBy: ['pipe'],
      closedByIteration: true,
      consumedByListener: ['data'],
      suggestUsing: true,
    },
  ],
  transactions: {
    handles: ['PoolClient', 'Client'],
    pools: ['Pool'],
    sqlMethods: ['query'],
    releaseKeepsTransaction: ['release'],
    releaseArgumentDestroys: true,
  },
  // An idle client's error is re-emitted by the pool; with no listener the process exits.
  pools: [
    {
      types: ['Pool'],
      crashEvent: 'error',
      // Prisma's driver adapter listens on the pool it is given (`new PrismaPg(pool)`).
      listenedBy: ['@prisma/adapter-pg'],
      size: { options: [['max']], default: 10 },
      closedBy: ['end'],
    },
  ],
  // A client kept for LISTEN emits `error` itself when its connection drops.
  listeningClients: { types: ['Client', 'PoolClient', 'ClientBase'], listensFor: 'notification', crashEvent: 'error' },
};
