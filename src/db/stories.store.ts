import type { Kysely } from 'kysely'
import type { OopsType } from '../domain/recovery/oops.ts'
import { readClock } from '../domain/recovery/recovery-clock.ts'
import type { FeedRow, StoriesPort, StorySource } from '../domain/stories/ports.ts'
import { REACTION_KINDS, type ReactionKind, type StoryPrivacy } from '../domain/stories/story.ts'
import { DIGEST_JOB } from '../domain/stories/story-digest.ts'
import { enqueueJob } from './jobs.store.ts'
import type { DB } from './schema.ts'
import { deleteInWorkspace, insertInWorkspace, mapFirst, rowsInWorkspace } from './store-kit.ts'

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))

/**
 * How many stories a team told from `from` to `to` (both included, as the scoreboard counts):
 * published then, of a recovery one of them owns or written by one of them (a leader telling a
 * rep's story counts once).
 */
export const storiesTold = async (
  trx: Kysely<DB>,
  workspaceId: string,
  team: readonly string[],
  from: Date,
  to: Date,
): Promise<number> => {
  if (team.length === 0) return 0
  const r = await trx
    .selectFrom('recoveryStory as s')
    .innerJoin('oops as o', 'o.id', 's.oopsId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.workspaceId', '=', workspaceId)
    .where('s.publishedAt', '>=', from)
    .where('s.publishedAt', '<=', to)
    .where((eb) => eb.or([eb('o.ownerUserId', 'in', [...team]), eb('s.authorUserId', 'in', [...team])]))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The stories of one workspace with their recovery (o) and customer (c). */
const storiesWithOops = (trx: Kysely<DB>, workspaceId: string) =>
  trx
    .selectFrom('recoveryStory as s')
    .innerJoin('oops as o', 'o.id', 's.oopsId')
    .innerJoin('customer as c', 'c.id', 'o.customerId')
    .where('s.workspaceId', '=', workspaceId)
    .select([
      's.id',
      's.oopsId',
      's.authorUserId',
      's.authorName',
      's.title',
      's.body',
      's.secretNote',
      's.privacy',
      's.customerLabel',
      's.publishedAt',
      's.editedAt',
      'o.customerId',
      'c.name as customerName',
      'o.letDownAt',
      'o.windowHours',
      'o.atRiskHours',
      'o.fixedAt',
      'o.surprisedAt',
    ])

type StoryRow = Awaited<ReturnType<ReturnType<typeof storiesWithOops>['execute']>>[number]

const presentRow = (
  r: StoryRow,
  counts: Map<string, Record<ReactionKind, number>>,
  mine: Map<string, ReactionKind[]>,
): FeedRow => {
  const named = r.privacy === 'named'
  const fixedAt = date(r.fixedAt)
  const surprisedAt = date(r.surprisedAt)
  return {
    id: r.id,
    oopsId: r.oopsId,
    authorUserId: r.authorUserId,
    authorName: r.authorName,
    title: r.title,
    body: r.body,
    secretNote: r.secretNote,
    privacy: r.privacy as StoryPrivacy,
    customerLabel: r.customerLabel,
    publishedAt: new Date(r.publishedAt),
    editedAt: date(r.editedAt),
    customerShown: named ? r.customerName : (r.customerLabel ?? ''),
    customerName: named ? r.customerName : null,
    customerId: named ? r.customerId : null,
    outcome:
      fixedAt && surprisedAt
        ? readClock(
            {
              letDownAt: new Date(r.letDownAt),
              windowHours: Number(r.windowHours),
              atRiskHours: Number(r.atRiskHours),
              fixedAt,
              surprisedAt,
            },
            new Date(r.publishedAt),
          ).state
        : null,
    reactions: counts.get(r.id) ?? { applause: 0, heart: 0, party: 0 },
    mine: mine.get(r.id) ?? [],
  }
}

/** Recovery stories of one workspace; `trx` comes from inWorkspace (RLS on). */
export const storiesStore = (trx: Kysely<DB>, workspaceId: string): StoriesPort => {
  /** the stories' reactions: counted by kind, and the viewer's own */
  const reactionsOf = async (ids: string[], viewer: string) => {
    const counts = new Map<string, Record<ReactionKind, number>>()
    const mine = new Map<string, ReactionKind[]>()
    if (ids.length === 0) return { counts, mine }
    const rows = await trx
      .selectFrom('storyReaction')
      .select(['storyId', 'userId', 'kind'])
      .where('workspaceId', '=', workspaceId)
      .where('storyId', 'in', ids)
      .execute()
    for (const r of rows) {
      const kind = r.kind as ReactionKind
      const c = counts.get(r.storyId) ?? { applause: 0, heart: 0, party: 0 }
      c[kind]++
      counts.set(r.storyId, c)
      if (r.userId === viewer) mine.set(r.storyId, [...(mine.get(r.storyId) ?? []), kind])
    }
    for (const [id, kinds] of mine)
      mine.set(
        id,
        REACTION_KINDS.filter((k) => kinds.includes(k)),
      )
    return { counts, mine }
  }

  const rowsOf = async (rows: StoryRow[], viewer: string) => {
    const { counts, mine } = await reactionsOf(
      rows.map((r) => r.id),
      viewer,
    )
    return rows.map((r) => presentRow(r, counts, mine))
  }

  return {
    async source(oopsId) {
      const o = await trx
        .selectFrom('oops as o')
        .innerJoin('customer as c', 'c.id', 'o.customerId')
        .leftJoin('customerPerson as p', 'p.id', 'o.personId')
        .leftJoin('authUser as u', 'u.id', 'o.ownerUserId')
        .where('o.workspaceId', '=', workspaceId)
        .where('o.id', '=', oopsId)
        .select([
          'o.id',
          'o.customerId',
          'o.status',
          'o.ownerUserId',
          'o.type',
          'o.description',
          'o.letDownAt',
          'o.reportedAt',
          'o.windowHours',
          'o.fixedAt',
          'o.fixNote',
          'o.surprisedAt',
          'o.surpriseTitle',
          'o.surpriseSecretIds',
          'o.closedAt',
          'o.npsBefore',
          'o.wow',
          'o.feedbackFixed',
          'o.npsAfter',
          'o.feedbackComment',
          'c.name as customerName',
          'c.kind as customerKind',
          'c.country',
          'c.firstPurchaseAt',
          'c.valueTier',
          'p.name as personName',
          'u.name as ownerName',
        ])
        .executeTakeFirst()
      if (!o) return undefined
      const ids = o.surpriseSecretIds ?? []
      const secrets =
        ids.length === 0
          ? []
          : await trx
              .selectFrom('secret')
              .select(['id', 'text'])
              .where('workspaceId', '=', workspaceId)
              .where('customerId', '=', o.customerId)
              .where('id', 'in', ids)
              .execute()
      const answered = o.wow !== null
      const source: StorySource = {
        oopsId: o.id,
        customerId: o.customerId,
        status: o.status as StorySource['status'],
        ownerUserId: o.ownerUserId,
        customerName: o.customerName,
        customerKind: o.customerKind === 'person' ? 'person' : 'organisation',
        customerPlace: o.country,
        customerSince: date(o.firstPurchaseAt),
        customerTier: (o.valueTier as StorySource['customerTier']) ?? null,
        personName: o.personName,
        type: o.type as OopsType,
        description: o.description,
        letDownAt: new Date(o.letDownAt),
        reportedAt: new Date(o.reportedAt),
        windowHours: Number(o.windowHours),
        ownerName: o.ownerName || null,
        fixedAt: date(o.fixedAt),
        fixNote: o.fixNote,
        surprisedAt: date(o.surprisedAt),
        surpriseTitle: o.surpriseTitle,
        // in the order the surprise drew on them
        secrets: ids.flatMap((id) => secrets.filter((s) => s.id === id).map((s) => s.text)),
        closedAt: date(o.closedAt),
        npsBefore: o.npsBefore,
        feedback: answered
          ? { wow: o.wow, fixed: o.feedbackFixed, npsAfter: o.npsAfter, comment: o.feedbackComment }
          : null,
      }
      return source
    },

    storyOfOops: (oopsId) =>
      mapFirst(
        trx
          .selectFrom('recoveryStory')
          .select('id')
          .where('workspaceId', '=', workspaceId)
          .where('oopsId', '=', oopsId),
        (r) => ({ id: r.id }),
      ),

    async story(id) {
      const r = await storiesWithOops(trx, workspaceId)
        .leftJoin('customerPerson as p', 'p.id', 'o.personId')
        .select(['o.ownerUserId', 'p.name as personName'])
        .where('s.id', '=', id)
        .executeTakeFirst()
      if (!r) return undefined
      const [row] = await rowsOf([r], '')
      return { ...row!, ownerUserId: r.ownerUserId, customerName: r.customerName, personName: r.personName }
    },

    insertStory: (s) =>
      insertInWorkspace(trx, 'recoveryStory', workspaceId, {
        oopsId: s.oopsId,
        authorUserId: s.authorUserId,
        authorName: s.authorName,
        title: s.title,
        body: s.body,
        secretNote: s.secretNote,
        privacy: s.privacy,
        customerLabel: s.customerLabel,
        publishedAt: s.publishedAt,
      }),

    async updateStory(id, patch) {
      await rowsInWorkspace(trx, 'recoveryStory', workspaceId, { id }).update(patch)
    },

    async removeStory(id) {
      await deleteInWorkspace(trx, 'recoveryStory', workspaceId, { id })
    },

    async feed(q, viewer) {
      let query = storiesWithOops(trx, workspaceId)
      if (q.oopsId) query = query.where('s.oopsId', '=', q.oopsId)
      if (q.before) query = query.where('s.publishedAt', '<', q.before)
      const rows = await query
        .orderBy('s.publishedAt', 'desc')
        .orderBy('s.id', 'desc')
        .limit(q.limit)
        .execute()
      return rowsOf(rows, viewer)
    },

    async setReaction(storyId, userId, kind, on, at) {
      if (on) {
        await trx
          .insertInto('storyReaction')
          .values({ workspaceId, storyId, userId, kind, reactedAt: at })
          .onConflict((oc) => oc.columns(['storyId', 'userId', 'kind']).doNothing())
          .execute()
      } else {
        await deleteInWorkspace(trx, 'storyReaction', workspaceId, { storyId, userId, kind })
      }
    },

    async scheduleDigest(runAt) {
      await enqueueJob(trx, workspaceId, {
        kind: DIGEST_JOB,
        runAt,
        payload: { until: runAt.toISOString() },
        dedupeKey: `${DIGEST_JOB}:${workspaceId}:${runAt.toISOString()}`,
      })
    },

    async undigested(until) {
      const rows = await storiesWithOops(trx, workspaceId)
        .where('s.digestedAt', 'is', null)
        .where('s.publishedAt', '<', until)
        .orderBy('s.publishedAt', 'asc')
        .execute()
      return (await rowsOf(rows, '')).map((r) => ({
        ...r,
        reactionCount: REACTION_KINDS.reduce((n, k) => n + r.reactions[k], 0),
      }))
    },

    async markDigested(ids, at) {
      if (ids.length === 0) return
      await rowsInWorkspace(trx, 'recoveryStory', workspaceId, { id: ids, digestedAt: null }).update({
        digestedAt: at,
      })
    },

    async recipients() {
      const rows = await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['u.name', 'u.email'])
        .where('m.workspaceId', '=', workspaceId)
        .orderBy('u.email')
        .execute()
      return rows.map((r) => ({ name: r.name, email: r.email }))
    },
  }
}
