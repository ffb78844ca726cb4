/**
 * The vocabulary in which library knowledge is written. A library model is plain data: the
 * engine reads it, rules never do. Methods are named by where the typings declare them
 * (package, owning class/interface/namespace, member name), so aliases, re-exports and
 * subclasses of the library's types resolve to the same entry.
 */

/** A function or method as the library's typings declare it. */
export interface MemberRef {
  /**
   * Name of the class, interface, type alias or namespace whose body declares the member;
   * `null` for a function exported at the top level of the module.
   */
  readonly owner: string | null;
  readonly method: string;
  /** Only the owner class's static member (`MongoClient.connect(url)`, not `client.connect()`). */
  readonly static?: boolean;
}

/** Where the callback form passes the resource and its release function. */
export interface CallbackForm {
  /** Index of the callback parameter that receives the resource. */
  readonly resourceParam: number;
  /** Index of the parameter that is a release function (`done` in pg), if any. */
  readonly releaseParam?: number;
  /** Index of the error parameter; when it is truthy, nothing was acquired. */
  readonly errorParam?: number;
}

/**
 * A state the library reports about a resource, which the code tests (`runner.isTransactionActive`,
 * `trx.isCompleted()`): the engine follows its value along each path, so a test on it prunes
 * the paths that contradict it.
 */
export interface StateQuery {
  /** The property, or the method called with no arguments (`call`), that reports it. */
  readonly query: string;
  readonly call?: boolean;
  /** Its value right after the resource is acquired (or the transaction begun). */
  readonly initially: boolean;
  /** Methods of the resource that set it, and to what (`{ commitTransaction: false }`). */
  readonly setBy: Readonly<Record<string, boolean>>;
}

/** One way of acquiring a resource. */
export interface AcquireModel extends MemberRef {
  /**
   * - `promise`: the call resolves to the resource (`await pool.connect()`).
   * - `value`: the call returns the resource synchronously (`createQueryRunner()`).
   * - `receiver`: the call opens the object it is called on (`await client.connect()` on a
   *   standalone client created in the same function).
   */
  readonly returns: 'promise' | 'value' | 'receiver';
  /**
   * For a function the package declares under one name in a promise API and in a callback API
   * (mysql2's `createConnection()` from `mysql2/promise` and from `mysql2`): a declaration that
   * returns no promise gives the resource itself (`value`).
   */
  readonly valueWhereDeclaredSo?: boolean;
  /** Present when the method also has a callback form (`pool.connect((err, client, done) => …)`). */
  readonly callback?: CallbackForm;
  /**
   * For a generic method whose first argument decides what it returns (pg's
   * `client.query(new Cursor(…))`): the name of that argument's type in the library's
   * packages. Other calls of the method acquire nothing.
   */
  readonly argumentType?: string;
  /**
   * For a call whose result holds the resource in a property, and only when an option asks
   * for it: oracledb's `execute(sql, binds, { resultSet: true })` puts a cursor in
   * `result.resultSet`.
   */
  readonly inProperty?: { readonly name: string; readonly whenOption: string };
  /**
   * For a method of a builder that other builders share by name (Kysely's
   * `db.startTransaction().execute()` beside every query's `.execute()`): the calls that build
   * its receiver. A receiver built by a chain of calls none of which is one of these belongs to
   * another builder, and the call is not asked about.
   */
  readonly receiverBuiltBy?: readonly string[];
  /**
   * Whether the code can never give this acquisition back: pg's `pool.query(new Cursor(…))`
   * checks out a client that is released only by a callback a cursor never calls.
   */
  readonly alwaysLeaks?: boolean;
}

export interface ResourceModel {
  /** Stable id, `library.Type`. */
  readonly id: string;
  /**
   * What holding it means. A `transaction` also holds a pooled connection, but is given back
   * by commit or rollback, so no rule suggests releasing it in `finally`.
   */
  readonly kind: 'connection' | 'cursor' | 'session' | 'statement' | 'transaction';
  /** What messages call it: "client", "connection", "session", "query runner". */
  readonly noun: string;
  /**
   * Names of the library's types whose values are this resource. A value of such a type that
   * the function itself gives back somewhere (from a project wrapper such as `db.getClient()`)
   * is treated as owned, and must then be given back on every path.
   */
  readonly types?: readonly string[];
  readonly acquire: readonly AcquireModel[];
  /** Methods of the resource that give it back (release, destroy, end, close…). */
  readonly release: readonly string[];
  /**
   * Methods that read the resource to its end, which closes it (`toArray()`, `.pipe()`). They
   * give it back like a release, but no suggestion calls them.
   */
  readonly consumedBy?: readonly string[];
  /**
   * A method that must be called on the result of a release method for the release to happen:
   * Kysely's `trx.commit()` builds a command that does nothing until `.execute()`.
   */
  readonly releaseCompletedBy?: string;
  /** Methods that give the resource back when it is passed as their first argument. */
  readonly releaseBy?: readonly MemberRef[];
  /**
   * Whether the acquisition takes nothing until the resource is first used: until a method
   * of the resource is called, leaving without a release leaks nothing (TypeORM's
   * `createQueryRunner()` connects on first use).
   */
  readonly lazy?: boolean;
  /**
   * For a lazy resource, the methods that make it hold something; without this list, any
   * method does. Builder methods (a MongoDB cursor's `sort()`, `limit()`) open nothing.
   */
  readonly openedBy?: readonly string[];
  /**
   * For a lazy resource that any use connects (no `openedBy`): the properties that can be read
   * without connecting it (`queryRunner.connection`, to reach the data source).
   */
  readonly idleReads?: readonly string[];
  /**
   * Methods of the resource that complete a lazy acquisition: when one of them throws, nothing
   * is held yet (TypeORM's query runner connects on `connect()` or `startTransaction()`).
   */
  readonly acquireSteps?: readonly string[];
  /**
   * Methods of the resource that cannot fail on a freshly acquired one, so calling them before
   * the `try` is not a leak (MongoDB's `session.startTransaction()` on a new session).
   */
  readonly safeMethods?: readonly string[];
  /**
   * Methods that read the next rows. A read that finds nothing left means the resource closed
   * itself (pg-cursor's `read()` resolving to `[]`, MongoDB's `hasNext()` to `false`), so the
   * branch of a test that sees it exhausted gives it back: `while ((rows = await
   * cursor.read(100)).length)`, `if (rows.length === 0) break`.
   */
  readonly exhaustedBy?: readonly string[];
  /**
   * Whether `for (… of resource)` or `for await` gives it back: the loop reads it to the end,
   * and leaving the loop early calls the iterator's `return()`, which closes it.
   */
  readonly closedByIteration?: boolean;
  /** Events whose listener consumes the resource to its end (a stream's `data`). */
  readonly consumedByListener?: readonly string[];
  /**
   * Events whose listener shows the code keeps the resource open to receive them (a `LISTEN`
   * client's `notification`): from there on it is held on purpose, not leaked.
   */
  readonly keptOpenForEvents?: readonly string[];
  /**
   * How to give the resource back when an error may have broken it, so the pool closes it
   * instead of lending it again: pg's `release(err)` (`passError`: the same method with a
   * truthy argument), mysql2's `destroy()`. For a resource given back through the pool
   * (`releaseBy`), the pool's method (generic-pool's `pool.destroy(resource)`).
   */
  readonly releaseBroken?: { readonly method: string; readonly passError?: boolean };
  /** For a transaction: the method that rolls it back, for the suggestion that adds one. */
  readonly rollback?: string;
  /** States the library reports about it, followed along each path. */
  readonly states?: readonly StateQuery[];
  /** A boolean property that is true once the resource has been given back (`isReleased`). */
  readonly releasedFlag?: string;
  /**
   * Methods that say whether the resource passed as their first argument is still held
   * (generic-pool's `pool.isBorrowedResource(resource)`): where one says false, it was given back.
   */
  readonly heldTestedBy?: readonly MemberRef[];
  /**
   * Whether `await using` is a correct way to release it. Libraries whose dispose does
   * something surprising (TypeORM 1.x commits an open transaction) say `false` even though
   * their type is disposable.
   */
  readonly suggestUsing?: boolean;
}

/**
 * Transactions opened on a handle the code already holds: raw `BEGIN` on a dedicated client,
 * or an API such as `beginTransaction()`. Types are named as the library's typings name them;
 * for a type that is both (mysql2's promise `Pool` extends `Connection`), the most specific
 * name in the type's chain decides.
 */
export interface TransactionModel {
  /** Types of dedicated handles on which a transaction can be opened and must be ended. */
  readonly handles: readonly string[];
  /**
   * Of `handles`, the types that exist only inside a transaction (`Knex.Transaction`, not a pg
   * `PoolClient`): a function given one runs inside its caller's transaction.
   */
  readonly inTransactionOnly?: readonly string[];
  /** Types of pools and root handles: a `BEGIN` sent through one of them is always a bug. */
  readonly pools?: readonly string[];
  /**
   * Types of handles bound to a pool, such as repositories (TypeORM's `Repository`): each query
   * through one runs outside any transaction, like the pool's own.
   */
  readonly poolBound?: readonly string[];
  /** Methods that take SQL text as their first argument (`query`, `execute`, `raw`). */
  readonly sqlMethods?: readonly string[];
  /**
   * A method that prepares SQL text into a statement, and the statement's method that runs it:
   * SQL counts when both are called in one chain (better-sqlite3's `db.prepare('BEGIN').run()`),
   * not when the statement is kept to run later.
   */
  readonly preparedSql?: { readonly prepare: string; readonly run: string };
  /** Whether the handle is itself a tag for SQL templates (postgres.js). */
  readonly taggedTemplate?: boolean;
  /** Methods that begin a transaction (`beginTransaction`, `startTransaction`). */
  readonly begin?: readonly string[];
  /** Methods that end it (`commit`, `rollback`, `commitTransaction`, `abortTransaction`). */
  readonly end?: readonly string[];
  /** The one of them that rolls back, for the suggestion that adds one (`abortTransaction`). */
  readonly rollback?: string;
  /** Methods of the transaction handle whose callback runs once it has ended (Sequelize's `afterCommit`). */
  readonly afterEnd?: readonly string[];
  /**
   * Methods that give the handle back to its pool without ending the transaction, so the next
   * borrower inherits it (pg's `release()`, TypeORM's `release()`).
   */
  readonly releaseKeepsTransaction?: readonly string[];
  /**
   * Whether a truthy first argument to such a release destroys the connection instead (pg's
   * `release(err)`): the server then rolls the transaction back.
   */
  readonly releaseArgumentDestroys?: boolean;
  /** States the library reports about the handle's transaction, followed along each path. */
  readonly states?: readonly StateQuery[];
  /** A boolean property of the handle that is false once no transaction is open (`isTransactionActive`). */
  readonly activeFlag?: string;
  /**
   * Managed transactions: methods that run their last argument, a callback, inside a
   * transaction and pass it the transaction handle as its first parameter.
   */
  readonly managed?: readonly MemberRef[];
  /**
   * For libraries whose handles join an open managed transaction by themselves, through async
   * context (MikroORM's `em`): the methods that make handles opting out of that context, whose
   * queries run outside the transaction (`em.fork()`). Other handles are not reported.
   */
  readonly contextBypassedBy?: readonly string[];
  /**
   * Methods of a query chain that run the whole query in the transaction passed to them, whatever
   * handle the chain starts from (knex's `knex('users').insert(row).transacting(trx)`).
   */
  readonly joinedBy?: readonly string[];
  /**
   * Libraries whose queries join a transaction through an option rather than a handle
   * (`{ transaction: t }`, `{ session }`): the option's name, and the query methods (declared
   * by the library) that must pass it inside a managed transaction.
   */
  readonly transactionOption?: {
    readonly name: string;
    readonly queryMethods: readonly string[];
    /**
     * The rule option that says queries join the transaction by async context instead
     * (Sequelize with CLS): when set, a query without the option is inside all the same.
     */
    readonly joinedByContextWhen?: string;
    /** The start-up call that makes queries join by async context, when the program makes it (`Sequelize.useCLS(ns)`). */
    readonly joinedByContextAfter?: MemberRef;
    /**
     * A setting that makes queries join by async context, turned on by name
     * (`mongoose.set('transactionAsyncLocalStorage', true)`): where a project file names it,
     * queries without the option may be inside.
     */
    readonly joinedByContextSetting?: string;
    /**
     * The declaring types whose query methods must pass the option, when not all of the
     * library's do: Mongoose's `Model` statics, while a document read in the session keeps it
     * for its own `save()` and `deleteOne()`.
     */
    readonly owners?: readonly string[];
    /**
     * Methods of a document the code makes itself (`new Order(data).save()`), declared by
     * `owner`: such a document is in no session until given one, through the option or the
     * setter (`order.$session(session)`).
     */
    readonly newDocuments?: { readonly owner: string; readonly methods: readonly string[]; readonly setter: string };
    /**
     * For a library whose queries are handed the transaction as an argument rather than an
     * option (Objection's `Person.query(trx)`): its position, per query method. Only queries on
     * a class the code declares are asked about, since a class bound to the transaction
     * (`Person.bindKnex(trx)`) takes part without it.
     */
    readonly argumentIndex?: Readonly<Record<string, number>>;
  };
  /**
   * The library whose sessions these transactions run on (Mongoose's are the MongoDB driver's,
   * Objection's are knex's): inside a transaction of either, the queries of this library join it
   * only through their option, and those of the other as that library's do.
   */
  readonly sessionsOf?: string;
}

/**
 * A function that runs a callback while it holds a connection or a transaction
 * (`withTransaction(fn)`). The engine infers project wrappers from their bodies; a model names
 * the ones it cannot see into.
 */
export interface WrapperModel extends MemberRef {
  readonly kind: 'transaction' | 'connection';
  /** The library whose connection or transaction it holds: a model's `name` (`pg`, `knex`). */
  readonly library: string;
  /** Which argument is the callback. */
  readonly callbackIndex: number;
  /** Which parameter of the callback receives the handle, if any. */
  readonly handleIndex?: number;
  /** What it holds, for messages ("client", "transaction"). */
  readonly noun?: string;
}

/**
 * A pool the code creates (or a root handle that owns one: knex, Sequelize, a TypeORM
 * `DataSource`), for the checks on the pool itself rather than on what it lends.
 */
export interface PoolModel {
  /** Types whose construction (`new Pool(…)`) creates one. */
  readonly types?: readonly string[];
  /** Functions that create one (`mysql.createPool(…)`, postgres.js's `postgres(…)`). */
  readonly factories?: readonly MemberRef[];
  /**
   * The event it emits when an idle connection fails. With no listener, Node.js throws it and
   * the process exits (pg's `error`).
   */
  readonly crashEvent?: string;
  /** Packages of frameworks that attach that listener to a pool handed to them. */
  readonly listenedBy?: readonly string[];
  /**
   * How many connections it opens at most: the option paths that set it (`['pool', 'max']`),
   * first match wins, read from the first argument that is not a connection string; and the
   * library's default when none is set.
   */
  readonly size?: { readonly options: readonly (readonly string[])[]; readonly default: number };
  /**
   * The methods that close it with its connections (`pool.end()`): a pool made inside a
   * function, and neither closed there nor handed on, is made anew and left open on each call.
   */
  readonly closedBy?: readonly string[];
  /**
   * Methods whose result holds on to the pool (a MongoClient's `db()`): a pool made in a function
   * whose `db()` it keeps or returns is kept. A result of the pool's own type (`client.connect()`,
   * which resolves to the client) keeps it without being named here.
   */
  readonly keptBy?: readonly string[];
}

export interface LibraryModel {
  /** Display name, e.g. `pg` or `mysql2`. */
  readonly name: string;
  /** npm packages whose declarations belong to this library (`@types/x` counts as `x`). */
  readonly packages: readonly string[];
  /**
   * Project files whose declarations belong to this library, as paths relative to the project
   * (`src/db/session.ts`): a project's own resources and wrappers, declared in settings.
   */
  readonly files?: readonly string[];
  readonly resources: readonly ResourceModel[];
  /**
   * For a library whose client is generated into the project (Prisma): how its generated files
   * are told apart from the project's own code. They count as the library's first package.
   */
  readonly generated?: {
    /** The folder under `node_modules` it generates into by default (`.prisma`). */
    readonly folder: string;
    /** Text that the top of every generated file contains. */
    readonly banner: string;
  };
  /**
   * Whether its calls run synchronously and throw their errors (better-sqlite3), rather than
   * reporting them through a promise or a callback: each such call is then an exception edge.
   */
  readonly throwsSynchronously?: boolean;
  readonly transactions?: TransactionModel;
  readonly wrappers?: readonly WrapperModel[];
  readonly pools?: readonly PoolModel[];
  /**
   * Connections the code keeps open to receive events (pg's `LISTEN` client, with a
   * `notification` listener): one with no listener for `crashEvent` exits the process when its
   * connection drops, as an idle pool's does.
   */
  readonly listeningClients?: { readonly types: readonly string[]; readonly listensFor: string; readonly crashEvent: string };
  /**
   * Methods, called without arguments, that give the same connection under another API
   * (mysql2's `conn.promise()`): a transaction begun or ended through one
   * (`conn.promise().beginTransaction()`) is begun or ended on the connection itself.
   */
  readonly views?: readonly string[];
}
