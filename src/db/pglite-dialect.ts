import type { PGlite, Transaction } from '@electric-sql/pglite'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely'

/**
 * Kysely on one PGlite instance. Kysely 0.29 ships this dialect but wants Node 22; on 0.28 (Node
 * 20) it is ours. PGlite is one connection: a Kysely transaction is a `pglite.transaction()` kept
 * open until commit or rollback, so PGlite's own queue makes other queries wait for it as a second
 * connection would wait for a row lock.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite
  constructor(config: { pglite: PGlite }) {
    this.#pglite = config.pglite
  }
  createAdapter() {
    return new PGliteAdapter()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite)
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db)
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
}

class PGliteAdapter extends PostgresAdapter {
  // one process holds the data folder (its lock file) and PGlite has one connection: nothing to lock
  override async acquireMigrationLock() {}
  override async releaseMigrationLock() {}
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite
  #ready = false
  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }
  async init() {
    await this.#pglite.waitReady
    this.#ready = true
  }
  /**
   * A connection per use: a transaction's queries go to its own `pglite.transaction()`, and every
   * other query to PGlite itself, which queues it behind an open transaction — never into it (a
   * shared connection ran a concurrent request's query inside another request's transaction, under
   * its role and workspace setting).
   */
  async acquireConnection() {
    if (!this.#ready) throw new Error('PGlite dialect used before init')
    return new PGliteConnection(this.#pglite)
  }
  async beginTransaction(c: PGliteConnection) {
    await c.begin()
  }
  async commitTransaction(c: PGliteConnection) {
    await c.end(true)
  }
  async rollbackTransaction(c: PGliteConnection) {
    await c.end(false)
  }
  async savepoint(c: PGliteConnection, name: string) {
    await c.run(`savepoint ${quoteIdent(name)}`)
  }
  async rollbackToSavepoint(c: PGliteConnection, name: string) {
    await c.run(`rollback to savepoint ${quoteIdent(name)}`)
  }
  async releaseSavepoint(c: PGliteConnection, name: string) {
    await c.run(`release savepoint ${quoteIdent(name)}`)
  }
  async releaseConnection() {}
  async destroy() {
    if (!this.#pglite.closed) await this.#pglite.close()
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite
  #tx: Transaction | undefined
  #finish: ((commit: boolean) => void) | undefined
  #closed: Promise<void> | undefined
  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const r = await (this.#tx ?? this.#pglite).query<R>(q.sql, q.parameters as unknown[], {
      rowMode: 'object',
    })
    return {
      rows: r.rows ?? [],
      ...(r.affectedRows != null ? { numAffectedRows: BigInt(r.affectedRows) } : {}),
    }
  }

  // biome-ignore lint/correctness/useYield: PGlite cannot stream; the signature is Kysely's
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite')
  }

  run(statement: string) {
    return this.executeQuery({ sql: statement, parameters: [] } as unknown as CompiledQuery)
  }

  async begin() {
    let begun!: () => void
    const started = new Promise<void>((resolve) => {
      begun = resolve
    })
    this.#closed = this.#pglite.transaction(async (tx) => {
      this.#tx = tx
      begun()
      const commit = await new Promise<boolean>((resolve) => {
        this.#finish = resolve
      })
      // PGlite commits when the callback returns and rolls back when it throws or calls rollback()
      if (!commit) await tx.rollback()
    })
    // a BEGIN that fails rejects #closed before the callback runs
    await Promise.race([started, this.#closed])
  }

  async end(commit: boolean) {
    this.#finish?.(commit)
    try {
      await this.#closed
    } catch (error) {
      if (commit) throw error
    } finally {
      this.#tx = undefined
      this.#finish = undefined
      this.#closed = undefined
    }
  }
}
