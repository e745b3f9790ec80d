import type { Kysely } from 'kysely'
import { growthStore } from '../../db/growth.store.ts'
import { momentsStore } from '../../db/moments.store.ts'
import { recoveryStore } from '../../db/recovery.store.ts'
import type { DB } from '../../db/schema.ts'
import { surprisesStore } from '../../db/surprises.store.ts'
import type { Clock } from '../../domain/clock.ts'
import type { MomentsDeps } from '../../domain/moments/ports.ts'
import type { CatalogueCache } from '../../domain/recovery/surprise-ports.ts'
import type { ConceptExpander } from '../../domain/secrets/ports.ts'
import type { AuditLog } from '../../domain/workspaces/ports.ts'

/** The ports of the moments use-cases in one workspace transaction: for the routes, the job and the demo. */
export const momentsDeps = (
  trx: Kysely<DB>,
  workspaceId: string,
  p: { clock: Clock; audit: AuditLog; concepts: ConceptExpander; catalogue?: CatalogueCache | undefined },
): MomentsDeps => {
  const recovery = recoveryStore(trx, workspaceId, p.clock.now)
  return {
    moments: momentsStore(trx, workspaceId),
    cadence: growthStore(trx, workspaceId),
    plans: () => recovery.plans(),
    surprises: { surprises: surprisesStore(trx, workspaceId), concepts: p.concepts, catalogue: p.catalogue },
    audit: p.audit,
    clock: p.clock,
  }
}
