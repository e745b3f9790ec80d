import type { Database } from '../db/connection.ts'
import type { IdentityStore } from '../db/identity.store.ts'
import type { Clock } from '../domain/clock.ts'
import type { ConceptExpander } from '../domain/secrets/ports.ts'
import type { TokenMint } from '../domain/workspaces/ports.ts'
import type { FeedItem } from '../schemas/feed.schemas.ts'
import type { Auth } from './auth.ts'
import type { AppConfig } from './config.ts'
import type { Mailer } from './mailer.ts'
import type { FeedHub } from './sse/feed-hub.ts'

/** Everything a route needs, built once in app.ts (the composition root). */
export interface ServerDeps {
  config: AppConfig
  database: Database
  identity: IdentityStore
  auth: Auth
  mailer: Mailer
  clock: Clock
  mint: TokenMint
  /** what a secret's words stand for, for search by meaning */
  concepts: ConceptExpander
  /** the live feed: one LISTEN per process, fanned out to its SSE subscribers */
  feed: FeedHub<FeedItem>
}
