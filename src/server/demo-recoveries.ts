import { recoveryStore } from '../db/recovery.store.ts'
import { surprisesStore } from '../db/surprises.store.ts'
import type { ContactKind } from '../domain/recovery/communication.ts'
import type { Oops, OopsType, Severity } from '../domain/recovery/oops.ts'
import { openOops } from '../domain/recovery/open-oops.ts'
import { logContact, recordFix, recordSurprise } from '../domain/recovery/record-recovery-step.ts'
import { suggestSurprises } from '../domain/recovery/suggest-surprises.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'
import { surpriseCatalogueCache } from './surprise-catalogue-cache.ts'

type Who = 'sam' | 'sofia' | 'maya'
/** what the owner did, hours after the let-down: whoever owns the OOPS! takes every step of it */
type Step =
  | { at: number; contact: ContactKind; message: string; npsBefore?: number }
  | { at: number; fix: string }
  | { at: number; surprise: true }
interface Case {
  /** the customer by value rank (1 = the most valuable; 1 and 5 are left to the browser tests' own stories) */
  rank: number
  type: OopsType
  severity: Severity
  description: string
  /** when the customer was let down, hours before now */
  hoursAgo: number
  reportedAfter: number
  owner: Who
  steps: Step[]
  feedback?: { after: number; wow: number; fixed: boolean; nps: number; comment: string }
}

const HOUR = 3600_000

/**
 * Five past recoveries (two dazzling, one surprised too late, one never surprised, one fixed after
 * the clock ran out) and three live ones (on track, at risk, breached), so that the recoveries list,
 * the recovery screen, the scoreboard and the bell have something true to show on a first start.
 * Every step goes through the same use-cases as the API, each at its own moment of a moved clock.
 */
const CASES: Case[] = [
  {
    rank: 2,
    type: 'late_delivery',
    severity: 'high',
    description:
      'The spring display stock promised for Friday arrived the following Wednesday; the shop opened its season with empty shelves.',
    hoursAgo: 20 * 24,
    reportedAfter: 1,
    owner: 'sam',
    steps: [
      {
        at: 2,
        contact: 'first_contact',
        message:
          'We let you down on the delivery: that is on us, and I am sorry. I am on it now and will call you back by 4 pm with the new date.',
        npsBefore: 3,
      },
      { at: 8, fix: 'Sent the full order by courier the same day, at our cost.' },
      { at: 16, surprise: true },
      {
        at: 20,
        contact: 'final_resolution',
        message:
          'Everything is on your shelves now. Thank you for your patience — it should never have been needed.',
      },
    ],
    feedback: {
      after: 30,
      wow: 5,
      fixed: true,
      nps: 9,
      comment: 'I did not expect you to remember that. Thank you.',
    },
  },
  {
    rank: 3,
    type: 'billing_mistake',
    severity: 'medium',
    description:
      'Invoice charged the trade order twice; the second charge bounced their supplier payment run.',
    hoursAgo: 14 * 24,
    reportedAfter: 2,
    owner: 'sofia',
    steps: [
      {
        at: 3,
        contact: 'first_contact',
        message:
          'We charged you twice — our mistake, not yours. The refund is on its way and I will confirm when it lands.',
        npsBefore: 5,
      },
      { at: 6, fix: 'Refunded the duplicate charge and covered the bank fee.' },
      { at: 30, surprise: true },
      {
        at: 31,
        contact: 'final_resolution',
        message: 'The refund has landed and the bank fee is covered. Sorry again for the trouble.',
      },
    ],
    feedback: { after: 40, wow: 4, fixed: true, nps: 8, comment: 'Quick refund, nice touch.' },
  },
  {
    rank: 4,
    type: 'not_as_promised',
    severity: 'medium',
    description:
      'The "weatherproof" lanterns from the catalogue rusted within two weeks on the shop terrace.',
    hoursAgo: 9 * 24,
    reportedAfter: 2,
    owner: 'sam',
    steps: [
      {
        at: 4,
        contact: 'first_contact',
        message:
          'Those lanterns are not what we promised you. I am sorry — I will have replacements chosen with you today.',
        npsBefore: 6,
      },
      {
        at: 20,
        fix: 'Replaced all twelve lanterns with the stainless range and collected the rusted ones.',
      },
      {
        at: 22,
        contact: 'final_resolution',
        message: 'The new lanterns are up. Thank you for telling us straight away.',
      },
    ],
    feedback: { after: 30, wow: 3, fixed: true, nps: 6, comment: 'Fixed, fine.' },
  },
  {
    rank: 6,
    type: 'repair_to_redo',
    severity: 'high',
    description: 'The display cabinet we repaired last month jammed again the day before their open weekend.',
    hoursAgo: 6 * 24,
    reportedAfter: 4,
    owner: 'sofia',
    steps: [
      {
        at: 6,
        contact: 'first_contact',
        message:
          'We should have fixed it properly the first time. I am sorry. A technician is booked for tomorrow morning.',
        npsBefore: 4,
      },
      {
        at: 18,
        contact: 'status_report',
        message: 'The part is on its way; the technician comes at 9 am.',
      },
      { at: 40, fix: 'Replaced the whole hinge assembly instead of re-aligning it.' },
      { at: 44, surprise: true },
      {
        at: 45,
        contact: 'final_resolution',
        message: 'The cabinet is fixed for good. Thank you for your patience with us.',
      },
    ],
    feedback: {
      after: 60,
      wow: 2,
      fixed: true,
      nps: 5,
      comment: 'Took too long, open weekend was affected.',
    },
  },
  {
    rank: 7,
    type: 'broken_promise',
    severity: 'critical',
    description:
      'We promised to hold the last twenty gift hampers for their corporate client and sold them online instead.',
    hoursAgo: 4 * 24,
    reportedAfter: 0.5,
    owner: 'maya',
    steps: [
      {
        at: 1,
        contact: 'first_contact',
        message: 'We broke our word to you. That is unacceptable and I am handling it myself, starting now.',
        npsBefore: 2,
      },
      {
        at: 4,
        fix: 'Made up twenty hampers from the warehouse stock and drove them over ourselves.',
      },
      { at: 10, surprise: true },
      {
        at: 11,
        contact: 'final_resolution',
        message:
          'Your twenty hampers are with your client. Thank you for giving us the chance to put it right.',
      },
    ],
    feedback: {
      after: 20,
      wow: 5,
      fixed: true,
      nps: 10,
      comment: 'You blew me away. Our client never noticed a thing.',
    },
  },
  {
    rank: 8,
    type: 'late_delivery',
    severity: 'medium',
    description: 'The reorder of best-selling tea towels missed the promised next-day delivery.',
    hoursAgo: 3,
    reportedAfter: 0.5,
    owner: 'sam',
    steps: [
      {
        at: 1,
        contact: 'first_contact',
        message:
          'Your delivery is late and that is our fault. I am tracking it down now and will update you within the hour.',
        npsBefore: 6,
      },
    ],
  },
  {
    rank: 9,
    type: 'billing_mistake',
    severity: 'medium',
    description: 'Their agreed trade discount was left off the last two invoices.',
    hoursAgo: 20.5,
    reportedAfter: 1,
    owner: 'sofia',
    steps: [
      {
        at: 1.5,
        contact: 'first_contact',
        message: 'We left your discount off — our error. I am correcting both invoices today.',
        npsBefore: 5,
      },
      { at: 16.5, fix: 'Issued credit notes for both invoices.' },
    ],
  },
  {
    rank: 10,
    type: 'broken_promise',
    severity: 'high',
    description: 'The sales visit we promised for Tuesday never happened and nobody called to say so.',
    hoursAgo: 27,
    reportedAfter: 2,
    owner: 'sam',
    steps: [],
  },
]

export const seedDemoRecoveries = async (
  deps: ServerDeps,
  workspaceId: string,
  people: Record<Who, Actor & { name: string }>,
) => {
  const now = deps.clock.now().getTime()
  const catalogueFor = surpriseCatalogueCache(1)
  const customers = await runInWorkspace(deps, null, workspaceId, ({ trx }) =>
    trx
      .selectFrom('customer')
      .select(['id', 'valueRank'])
      .where('workspaceId', '=', workspaceId)
      .where(
        'valueRank',
        'in',
        CASES.map((c) => c.rank),
      )
      .execute(),
  )
  const byRank = new Map(customers.map((c) => [Number(c.valueRank), c.id]))
  for (const c of CASES) {
    const customerId = byRank.get(c.rank)
    if (!customerId) continue
    const letDownAt = now - c.hoursAgo * HOUR
    await runInWorkspace(deps, null, workspaceId, async (w) => {
      /** the use-cases' ports, with the clock at `t` */
      const at = (t: number) => {
        const clock = { now: () => new Date(Math.min(t, now)) }
        const recovery = recoveryStore(w.trx, workspaceId, clock.now)
        return {
          recovery,
          audit: w.audit,
          clock,
          surprises: surprisesStore(w.trx, workspaceId),
          concepts: deps.concepts,
          catalogue: catalogueFor(workspaceId),
        }
      }
      const oopsId = await openOops(at(letDownAt + c.reportedAfter * HOUR), people[c.owner], {
        customerId,
        type: c.type,
        severity: c.severity,
        description: c.description,
        letDownAt: new Date(letDownAt),
      })
      for (const s of c.steps) {
        const d = at(letDownAt + s.at * HOUR)
        const actor = people[c.owner]
        if ('contact' in s) {
          await logContact(d, actor, {
            oopsId,
            kind: s.contact,
            channel: 'phone',
            message: s.message,
            ...(s.npsBefore !== undefined ? { npsBefore: s.npsBefore } : {}),
          })
        } else if ('fix' in s) {
          await recordFix(d, actor, { oopsId, note: s.fix })
        } else {
          // the owner takes the best suggestion drawn from this customer's secrets
          const suggested = await suggestSurprises(d, actor, oopsId)
          const best = suggested.suggestions[0]
          await recordSurprise(
            d,
            actor,
            best
              ? { oopsId, itemId: best.item.id, secretIds: best.drawsOn.map((x) => x.secretId) }
              : {
                  oopsId,
                  custom: { title: 'A handwritten card and flowers', cost: 25, kind: 'gift' },
                  secretIds: [],
                },
          )
        }
      }
      if (c.feedback) {
        const f = c.feedback
        await at(0).recovery.updateOops(oopsId, {
          feedbackUsedAt: new Date(letDownAt + f.after * HOUR),
          wow: f.wow,
          feedbackFixed: f.fixed,
          npsAfter: f.nps,
          feedbackComment: f.comment,
        } as Partial<Oops>)
      }
    })
  }
}
