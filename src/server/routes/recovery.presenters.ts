import type { z } from 'zod'
import type { OopsListing } from '../../domain/recovery/oops-case.ts'
import type { readOops } from '../../domain/recovery/read-oops.ts'
import type { ClockReading } from '../../domain/recovery/recovery-clock.ts'
import type { oopsDetailSchema, oopsSummarySchema } from '../../schemas/recovery.schemas.ts'

/** A list row or the screen's header: the OOPS! with its clock as the domain read it. */
export const presentOopsSummary = (
  o: OopsListing & { clock: ClockReading },
): z.infer<typeof oopsSummarySchema> => ({
  id: o.id,
  customer: { id: o.customerId, name: o.customerName, tier: o.customerTier, segment: o.customerSegment },
  personName: o.personName,
  type: o.type,
  description: o.description,
  severity: o.severity,
  letDownAt: o.letDownAt,
  reportedAt: o.reportedAt,
  owner: o.ownerUserId ? { id: o.ownerUserId, name: o.ownerName ?? 'a former member' } : null,
  status: o.status,
  clock: o.clock,
  wow: o.wow,
})

/** The recovery screen: the case, its timeline and what is due, as readOops gave them. */
export const presentOops = (
  o: Awaited<ReturnType<typeof readOops>>,
  feedbackLink?: string | undefined,
): z.infer<typeof oopsDetailSchema> => ({
  ...presentOopsSummary(o),
  customerValue: {
    lifetimeRevenue: o.lifetimeRevenue,
    trailing12mRevenue: o.trailing12mRevenue,
    rank: o.valueRank,
  },
  personId: o.personId,
  personEmail: o.personEmail,
  reportedBy: o.reportedBy ? { id: o.reportedBy, name: o.reporterName ?? '' } : null,
  plan: o.plan,
  windowHours: o.windowHours,
  investmentCap: o.investmentCap,
  fixedAt: o.fixedAt,
  fixNote: o.fixNote,
  surprisedAt: o.surprisedAt,
  surprise: o.surpriseTitle
    ? {
        itemId: o.surpriseItemId,
        title: o.surpriseTitle,
        kind: o.surpriseKind,
        cost: o.surpriseCost,
        approvedBy: o.surpriseApprovedBy,
        secretIds: o.surpriseSecretIds,
      }
    : null,
  resolvedAt: o.resolvedAt,
  npsBefore: o.npsBefore,
  customerKind: o.customerKind,
  feedback: o.feedback,
  steps: o.steps,
  due: o.due,
  handoffs: o.handoffs,
  ...(feedbackLink ? { feedbackLink } : {}),
})
