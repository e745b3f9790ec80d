import type { AuditEventInput } from '../audit/audit-event.ts'
import type { DepthAccount, DepthDeps, DepthPort } from './depth-ports.ts'
import type { ClueMark } from './relationship-depth.ts'

/** An in-memory depth port for the domain's unit tests: a working fake you can read back. */
export const memoryDepth = () => {
  let n = 0
  const accounts = new Map<string, DepthAccount>()
  const marks: (ClueMark & { customerId: string })[] = []
  const port: DepthPort = {
    account: async (id) => accounts.get(id) ?? null,
    marks: async (id) => marks.filter((m) => m.customerId === id).map(({ customerId: _, ...m }) => m),
    addMark: async (customerId, m) => {
      const id = `mark${++n}`
      marks.push({
        id,
        customerId,
        clue: m.clue,
        holds: m.holds,
        since: m.since,
        evidence: m.evidence,
        recordedBy: m.recordedBy,
        recordedByName: null,
        recordedAt: m.at,
      })
      return id
    },
    keyAccounts: async () =>
      [...accounts.values()]
        .filter((a) => a.tier === 'A')
        .map((a) => ({ ...a, marks: marks.filter((m) => m.customerId === a.customerId) })),
  }
  return {
    port,
    marks,
    addAccount: (a: Partial<DepthAccount> & { customerId: string }) =>
      accounts.set(a.customerId, {
        customerName: a.customerId,
        tier: 'A',
        ownerUserId: null,
        ownerName: null,
        ...a,
      }),
  }
}

export const memoryDepthDeps = (now: Date) => {
  const depth = memoryDepth()
  const events: AuditEventInput[] = []
  const deps: DepthDeps = {
    depth: depth.port,
    audit: { record: async (e) => void events.push(e) },
    clock: { now: () => now },
  }
  return { deps, depth, events }
}
