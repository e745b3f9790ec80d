import { type DoneStep, dueStepsOf } from './communication.ts'
import type { Oops } from './oops.ts'
import type { JobRequest } from './ports.ts'
import { atRiskFrom } from './recovery-clock.ts'

/**
 * The stored jobs an open OOPS! needs: the next contact step when it falls due, the moment it turns
 * at risk, the moment it breaches. Keys are stable, so scheduling again after every change adds
 * nothing twice, and each reminder fires once.
 */
export const remindersFor = (
  o: Pick<
    Oops,
    | 'id'
    | 'letDownAt'
    | 'reportedAt'
    | 'windowHours'
    | 'atRiskHours'
    | 'firstContactHours'
    | 'statusEveryHours'
    | 'deadlineAt'
    | 'fixedAt'
    | 'surprisedAt'
    | 'status'
  >,
  steps: readonly DoneStep[],
  now: Date,
): JobRequest[] => {
  if (o.status === 'closed') return []
  const jobs: JobRequest[] = []
  const recovered = o.fixedAt !== null && o.surprisedAt !== null
  if (!recovered) {
    const risk = atRiskFrom(o)
    if (o.atRiskHours > 0 && risk < o.deadlineAt) {
      jobs.push({
        kind: 'oops.at_risk',
        runAt: risk,
        payload: { oopsId: o.id },
        dedupeKey: `${o.id}:at_risk`,
      })
    }
    jobs.push({
      kind: 'oops.breached',
      runAt: o.deadlineAt,
      payload: { oopsId: o.id },
      dedupeKey: `${o.id}:breached`,
    })
  }
  for (const d of dueStepsOf(o, steps, now)) {
    jobs.push({
      kind: 'oops.step_due',
      runAt: d.dueAt,
      payload: { oopsId: o.id, step: d.kind, dueAt: d.dueAt.toISOString() },
      // one reminder per step and due moment: a status report due again later is a new reminder
      dedupeKey: `${o.id}:step:${d.kind}:${d.dueAt.toISOString()}`,
    })
  }
  return jobs
}
