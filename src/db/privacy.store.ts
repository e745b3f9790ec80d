import { type Kysely, sql } from 'kysely'
import {
  type CustomerExportData,
  ERASED_NAME,
  ERASED_TEXT,
  type ErasureCounts,
  type PrivacyPort,
} from '../domain/customers/privacy.ts'
import { PERSON_COLUMNS, PURCHASE_COLUMNS, RELATION_COLUMNS } from './customers.store.ts'
import { MOMENT_NOTIFICATION } from './moments.store.ts'
import { OOPS_REPORT_COLUMNS } from './oops-columns.ts'
import type { DB } from './schema.ts'
import { byIdInWorkspace, fromWorkspace, ofCustomer, rowsInWorkspace } from './store-kit.ts'

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))

/** Export and erasure of one customer's data; `trx` comes from inWorkspace (RLS on). */
export const privacyStore = (trx: Kysely<DB>, workspaceId: string): PrivacyPort => {
  const customerRow = (customerId: string) => byIdInWorkspace(trx, 'customer', workspaceId, customerId)
  // the customer's rows of a table: every section of the export, every erasure
  const of = <T extends Parameters<typeof ofCustomer>[1]>(table: T, customerId: string) =>
    ofCustomer(trx, table, workspaceId, customerId)
  return {
    async customerFacts(customerId) {
      const c = await customerRow(customerId).select(['id', 'name', 'erasedAt']).executeTakeFirst()
      return c && { id: c.id, name: c.name, erasedAt: at(c.erasedAt) }
    },

    async exportCustomer(customerId): Promise<CustomerExportData> {
      const customer = await trx
        .selectFrom('customer as c')
        .leftJoin('authUser as u', 'u.id', 'c.ownerUserId')
        .selectAll('c')
        .select('u.name as ownerName')
        .where('c.workspaceId', '=', workspaceId)
        .where('c.id', '=', customerId)
        .executeTakeFirstOrThrow()
      const workspace = await trx
        .selectFrom('workspace')
        .select(['id', 'name', 'slug'])
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      const people = await of('customerPerson', customerId)
        .select([...PERSON_COLUMNS, 'createdAt'])
        .orderBy('createdAt')
        .execute()
      const relations = await of('customerRelation', customerId)
        .select([...RELATION_COLUMNS, 'createdAt'])
        .orderBy('createdAt')
        .execute()
      // every secret, the outdated history too; `concepts` and `search` are derived from the text
      const secrets = await of('secret', customerId)
        .select([
          'id',
          'personId',
          'layer',
          'category',
          'text',
          'certainty',
          'recordedBy',
          'recordedByName',
          'recordedAt',
          'engagementId',
          'lastConfirmedAt',
          'status',
          'supersededBy',
          'outdatedAt',
          'sourceKey',
          'createdAt',
          'updatedAt',
        ])
        .orderBy('recordedAt')
        .orderBy('id')
        .execute()
      const engagements = await of('engagement', customerId)
        .select([
          'id',
          'occurredAt',
          'channel',
          'summary',
          'notes',
          'personIds',
          'userIds',
          'createdBy',
          'createdAt',
        ])
        .orderBy('occurredAt')
        .execute()
      // service mistakes: what happened, the steps taken and said, the customer's answers (the
      // feedback link's hash and the internal plan terms are ours, not about the customer)
      const oops = await of('oops', customerId)
        .select([
          'id',
          ...OOPS_REPORT_COLUMNS,
          'ownerUserId',
          'deadlineAt',
          'status',
          'fixedAt',
          'fixNote',
          'surprisedAt',
          'surpriseTitle',
          'surpriseKind',
          'resolvedAt',
          'closedAt',
          'npsBefore',
          'wow',
          'feedbackFixed',
          'npsAfter',
          'feedbackComment',
          'feedbackUsedAt',
        ])
        .orderBy('letDownAt')
        .orderBy('id')
        .execute()
      const oopsSteps = oops.length
        ? await fromWorkspace(trx, 'oopsStep', workspaceId)
            .where(
              'oopsId',
              'in',
              oops.map((o) => o.id),
            )
            .select(['id', 'oopsId', 'kind', 'channel', 'message', 'emailedTo', 'byName', 'at'])
            .orderBy('at')
            .orderBy('id')
            .execute()
        : []
      const purchases = await of('purchase', customerId)
        .select([...PURCHASE_COLUMNS, 'importId'])
        .orderBy('purchasedAt')
        .orderBy('id')
        .execute()
      const importIds = [...new Set(purchases.map((p) => p.importId).filter((x): x is string => !!x))]
      const imports = importIds.length
        ? await fromWorkspace(trx, 'importRun', workspaceId)
            .select(['id', 'kind', 'fileName', 'createdAt'])
            .where('id', 'in', importIds)
            .execute()
        : []
      // about the customer: events naming it as their target, or as the customer of their target
      // (a secret recorded, changed, deleted); the trail never holds a secret's text
      const secretIds = secrets.map((s) => s.id)
      const audit = await fromWorkspace(trx, 'auditEvent', workspaceId)
        .select(['id', 'createdAt', 'actorLabel', 'action', 'targetType', 'targetId', 'details'])
        .where((eb) =>
          eb.or([
            eb('targetId', '=', customerId),
            eb(sql`details->>'customerId'`, '=', customerId),
            ...(secretIds.length
              ? [eb.and([eb('targetType', '=', 'secret'), eb('targetId', 'in', secretIds)])]
              : []),
          ]),
        )
        .orderBy('id')
        .execute()

      const {
        sensitiveConsentAt,
        sensitiveConsentNote,
        lifetimeRevenue,
        trailing12mRevenue,
        estimatedCategorySpend,
        workspaceId: _ws,
        ...record
      } = customer
      return {
        sections: {
          workspace,
          customer: {
            ...record,
            estimatedCategorySpend: n(estimatedCategorySpend),
            lifetimeRevenue: Number(lifetimeRevenue),
            trailing12mRevenue: Number(trailing12mRevenue),
          },
          consent: {
            sensitiveCategories: sensitiveConsentAt !== null,
            consentAt: at(sensitiveConsentAt),
            note: sensitiveConsentNote,
          },
          people,
          relations,
          secrets,
          engagements,
          purchases: purchases.map((p) => ({
            ...p,
            id: String(p.id),
            quantity: Number(p.quantity),
            unitPrice: Number(p.unitPrice),
            amount: Number(p.amount),
          })),
          imports,
          oops,
          oopsSteps,
          auditEvents: audit.map((e) => ({ ...e, id: String(e.id) })),
        },
        counts: {
          people: people.length,
          relations: relations.length,
          secrets: secrets.length,
          activeSecrets: secrets.filter((s) => s.status === 'active').length,
          engagements: engagements.length,
          purchases: purchases.length,
          imports: imports.length,
          oops: oops.length,
          oopsSteps: oopsSteps.length,
          auditEvents: audit.length,
        },
      }
    },

    async erase(customerId, now): Promise<ErasureCounts> {
      const remove = (table: 'secret' | 'engagement' | 'customerRelation' | 'customerPerson') =>
        rowsInWorkspace(trx, table, workspaceId, { customerId }).delete()
      // an award stays (it is the colleague's), but the leader's words about this customer's secret
      // or manual go, before the secret does and the award no longer says whose it was
      await sql`
      update award set reason = ${ERASED_TEXT}
      where workspace_id = ${workspaceId} and (customer_id = ${customerId} or secret_id in (
        select id from secret where workspace_id = ${workspaceId} and customer_id = ${customerId}))`.execute(
        trx,
      )
      // the WOW moments go whole (their titles name the family, their acts quote secrets), and the
      // bell's reminders of them no longer name the customer
      await rowsInWorkspace(trx, 'moment', workspaceId, { customerId }).delete()
      const momentOf = await customerRow(customerId).select('name').executeTakeFirst()
      if (momentOf) {
        await sql`
        update notification set title = 'A WOW moment of a customer who has since been erased', body = null
        where workspace_id = ${workspaceId} and kind = ${MOMENT_NOTIFICATION}
          and starts_with(title, ${`WOW moment: ${momentOf.name} — `})`.execute(trx)
      }
      // secrets first (they point at people and engagements), then what they pointed at
      const secrets = await remove('secret')
      const engagements = await remove('engagement')
      const relations = await remove('customerRelation')
      const people = await remove('customerPerson')
      // Purchase lines keep what revenue is made of (amounts, quantities, dates, product codes).
      // Invoice numbers, which lead back to the customer in the books they came from, become
      // "erased-1", "erased-2"… one per invoice, so order counts stay exact; free-text descriptions
      // go. The line keys stay: they only serve to recognise a line already imported, so importing
      // the same source file again cannot count this revenue twice.
      const anonymised = await sql`
      update purchase p set invoice_id = 'erased-' || m.n, description = null
      from (
        select invoice_id, dense_rank() over (order by min(purchased_at), invoice_id) as n
        from purchase where workspace_id = ${workspaceId} and customer_id = ${customerId}
        group by invoice_id
      ) m
      where p.workspace_id = ${workspaceId} and p.customer_id = ${customerId} and p.invoice_id = m.invoice_id`.execute(
        trx,
      )
      // OOPS! cases stay for the scoreboard (their times, outcome, cost, WOW and loyalty answers);
      // what was written about the customer goes: what happened, the fix note, the messages and
      // where they were emailed, hand-over reasons, a custom surprise's words, the customer's comment,
      // the text of notifications and the name in webhook payloads not yet sent or kept in the log.
      // An unanswered feedback link stops working.
      const oopsIds = (
        await trx
          .updateTable('oops')
          .set({
            description: ERASED_TEXT,
            fixNote: null,
            feedbackComment: null,
            feedbackTokenHash: null,
            feedbackSentTo: null,
            surpriseTitle: sql`case when surprise_item_id is null and surprise_title is not null then ${ERASED_TEXT} else surprise_title end`,
            updatedAt: now,
          })
          .where('workspaceId', '=', workspaceId)
          .where('customerId', '=', customerId)
          .returning('id')
          .execute()
      ).map((o) => o.id)
      if (oopsIds.length) {
        const cases = { oopsId: oopsIds }
        // a recovery's story is written about the customer, named or not: it goes with them
        await rowsInWorkspace(trx, 'recoveryStory', workspaceId, cases).delete()
        await rowsInWorkspace(trx, 'oopsStep', workspaceId, cases).update({ message: null, emailedTo: null })
        await rowsInWorkspace(trx, 'oopsHandoff', workspaceId, cases).update({ reason: ERASED_TEXT })
        await rowsInWorkspace(trx, 'notification', workspaceId, cases).update({
          title: 'An OOPS! of an erased customer',
          body: null,
        })
      }
      await sql`
      update webhook_delivery
      set payload = jsonb_set(payload, '{data,customerName}', ${JSON.stringify(ERASED_NAME)}::jsonb)
      where workspace_id = ${workspaceId} and payload->'data'->>'customerId' = ${customerId}
        and payload->'data' ? 'customerName'`.execute(trx)
      // report cards stay as ratings of the salesperson; the customer's words and address go, and
      // so does their name from the salesperson's bell
      const named = await customerRow(customerId).select('name').executeTakeFirst()
      const cardIds = (
        await trx
          .updateTable('reportCard')
          .set({ comment: null, emailTo: null })
          .where('workspaceId', '=', workspaceId)
          .where('customerId', '=', customerId)
          .returning('salespersonUserId')
          .execute()
      ).map((r) => r.salespersonUserId)
      if (named && cardIds.length > 0) {
        await sql`
        update notification set title = 'A customer who has since been erased filled in your report card'
        where workspace_id = ${workspaceId} and kind = 'report_card.answered'
          and user_id in (${sql.join(cardIds.map((u) => sql`${u}`))}) and starts_with(title, ${`${named.name} filled in`})`.execute(
          trx,
        )
      }
      // the relationship-depth marks go whole: their evidence describes the customer's people and
      // premises, and marks are never rewritten (the app may only add them or remove them)
      await rowsInWorkspace(trx, 'relationshipClue', workspaceId, { customerId }).delete()
      // The row stays for the money: value figures, tier, rank, segment, currency. Everything that
      // names or describes the customer goes.
      await rowsInWorkspace(trx, 'customer', workspaceId, { id: customerId }).update({
        name: ERASED_NAME,
        externalId: null,
        country: null,
        notes: null,
        ownerUserId: null,
        estimatedCategorySpend: null,
        sensitiveConsentAt: null,
        sensitiveConsentNote: null,
        erasedAt: now,
        updatedAt: now,
      })
      return {
        secrets,
        engagements,
        people,
        relations,
        purchasesAnonymised: Number(anonymised.numAffectedRows ?? 0),
        oopsAnonymised: oopsIds.length,
      }
    },
  }
}
