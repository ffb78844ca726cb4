import type { LibraryModel } from './model.js';

/**
 * Prisma: only managed transactions. The client is generated into the project; the engine
 * counts generated files as `@prisma/client`. Inside `$transaction(async (tx) => …)` the
 * handle is `Omit<PrismaClient, '$connect' | …>` (or `Prisma.TransactionClient` when
 * annotated); the `PrismaClient` itself sends every query to an arbitrary pooled connection,
 * so a raw `BEGIN` through it is always a bug. A client made by `$extends()` is typed by the
 * runtime package and plays the same roles.
 */
export const prisma: LibraryModel = {
  name: 'prisma',
  packages: ['@prisma/client'],
  resources: [],
  transactions: {
    handles: ['TransactionClient', 'Omit<PrismaClient>', 'Omit<DynamicClientExtensionThis>'],
    // `DynamicClientExtensionThis` is the client returned by `$extends()`.
    pools: ['PrismaClient', 'DynamicClientExtensionThis'],
    sqlMethods: ['$executeRaw', '$executeRawUnsafe', '$queryRaw', '$queryRawUnsafe'],
    managed: [{ owner: 'PrismaClient', method: '$transaction' }],
  },
};
