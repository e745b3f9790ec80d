import { readFileSync } from 'node:fs'
import type { Transaction } from 'kysely'
import { auditLog } from '../db/audit.store.ts'
import type { DB } from '../db/schema.ts'
import { BUILTIN_CATEGORIES, type EngagementChannel, suggestCategory } from '../domain/secrets/taxonomy.ts'
import { demoDataFile, demoNames } from './demo-data.ts'
import type { ServerDeps } from './deps.ts'

const PERSONAS = demoDataFile('persona-secrets.json')

/**
 * The demo's buyers and owners beyond the five key people the customers seed names, first × last:
 * the k-th name. 37 first names and 38 surnames share no factor, so the first 1,406 are all different.
 */
const nameAt = (k: number) => {
  const { firstNames, lastNames } = demoNames()
  return `${firstNames[k % firstNames.length]} ${lastNames[k % lastNames.length]}`
}
const TITLES = [
  'Head buyer',
  'Store manager',
  'Purchasing manager',
  'Co-founder',
  'Finance director',
  'Merchandiser',
  'Operations manager',
  'Owner',
]

/** What organisations confide (seed 000: inventory, cash flow and margins, equity, product quality). */
const ORGANISATION_SECRETS = [
  'Their warehouse ran out of stock of best sellers two weeks before Christmas last year.',
  'Margins are squeezed by freight costs; they are looking hard at payment terms.',
  'Returns of faulty candle holders from another supplier cost them a big order.',
  'Hiring seasonal staff is hard for them; turnover in the shop is high.',
  'Cash flow is tight in January and February, after the Christmas rush.',
  'They overstocked garden items last spring and are still clearing them.',
  'Quality complaints about glassware made them drop a supplier this year.',
  'They want a more diverse team on the shop floor and are changing how they hire.',
  'Budget for new ranges is set in March; after that prices must fit what is left.',
  'Their stock system cannot show what is in the back room, so they reorder late.',
  'They are opening a second shop and worry the stock will be spread too thin.',
  'A price rise from their biggest supplier ate most of their margin on gifts.',
]

/** Unmistakable readings of what a persona says about themselves, before the taxonomy's cues. */
const FIRST: Array<[RegExp, string]> = [
  [
    /\bfavou?rite (band|singer|music|movie|tv show|artist|composer|musician|character|kind of movie|type of music)\b|new kids on the block|concert/,
    'entertainment_choice',
  ],
  [
    /\b(business school|college|university|degree|graduated|studies|studied|fluent|education)\b/,
    'competency',
  ],
  [/\b(afraid|scared|terrified)\b/, 'fear'],
  [/\b(wants? to|dreams?|always wanted)\b/, 'dream'],
]
/** When the taxonomy's cues name no category either: the nearest one by its words. */
const THEN: Array<[RegExp, string]> = [
  [/\b(hopes?|hoping|looking forward)\b/, 'hope'],
  [/\b(worried|worries)\b/, 'fear'],
  [/\b(won|gold medal|medalist|champion|lead singer|successful|ideal)\b/, 'ego_drive'],
  [
    /\b(wife|husband|kids|children|sons|daughter|married|engaged|family|sisters?|brothers?|father|mother|mom|dad|parents|grandchildren|siblings?)\b/,
    'family_priority',
  ],
  [/\bfriends?\b/, 'friendship_affinity'],
  [
    /\b(band|singer|music|movies?|tv|artist|composer|musician|reads?|reading|poetry|romances|novels|video ?games|videogames|board games|stickers|collects|collection|documentaries)\b/,
    'entertainment_choice',
  ],
  [/\b(plays|sews?|knits?|knitting|paints?|builds?|coding|crafts|instruments?)\b/, 'skill'],
  [
    /\b(hik\w*|camping|horses?|riding|ride|beach|surf|gym|sports?|soccer|basketball|frisbee|softball|kayak\w*|climbing|running|runs|marathons?|walks?|walking|bike|biking|dances?|dancing|swimming|rollercoasters|zoos|park|disney\w*)\b/,
    'recreation_preference',
  ],
  [/\b(hates?|does not|only|prefers?|favou?rite)\b/, 'bias'],
]
/** sensitive categories are never guessed: a person must choose them, with the customer's consent */
const SUGGESTABLE = BUILTIN_CATEGORIES.filter((c) => !c.sensitive)

/** The category for a demo secret: the unmistakable first, then the taxonomy's suggestion, then by its words. */
export const demoCategoryFor = (text: string, about: 'person' | 'organisation') => {
  const t = text.toLowerCase()
  if (about === 'organisation') return suggestCategory(text, SUGGESTABLE, about) ?? 'cash_flow_margin'
  return (
    FIRST.find(([re]) => re.test(t))?.[1] ??
    suggestCategory(text, SUGGESTABLE, about) ??
    THEN.find(([re]) => re.test(t))?.[1] ??
    'lifestyle_choice'
  )
}

const ENGAGEMENTS: Array<{ channel: EngagementChannel; summary: string }> = [
  { channel: 'visit', summary: 'Shop visit: spring range walk-through' },
  { channel: 'call', summary: 'Quarterly review call' },
  { channel: 'meeting', summary: 'Christmas range planning at their office' },
  { channel: 'event', summary: 'Chatted at the Harrogate gift fair' },
  { channel: 'visit', summary: 'Delivery check and coffee with the team' },
]

/** A small seeded generator (mulberry32): the same demo on every machine. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const DAY = 86_400_000

/**
 * The demo's secrets, from human-written persona profiles (see demo-data/SOURCE.txt): one profile
 * per person, the most valuable customers first, so tier-A customers are known well and the tail
 * hardly at all — as in a real team. Organisations get secrets of their own, some engagements link
 * what was heard there, one secret has a newer one that superseded it, and dates spread over the
 * last year (a third older than 180 days, so stale categories show). One multi-row insert: the demo
 * is created on the first `npm start` and must stay quick.
 */
export const seedDemoSecrets = async (
  deps: ServerDeps,
  trx: Transaction<DB>,
  workspaceId: string,
  customers: Array<{ id: string; ownerUserId: string | null }>,
  salespeople: Array<{ id: string; name: string }>,
) => {
  const { profiles } = JSON.parse(readFileSync(PERSONAS, 'utf8')) as { profiles: string[][] }
  const rnd = random(7)
  const now = deps.clock.now().getTime()
  const people = await trx
    .selectFrom('customerPerson')
    .select(['id', 'customerId', 'name'])
    .where('workspaceId', '=', workspaceId)
    .execute()
  const recorderOf = (c: { ownerUserId: string | null }, i: number) =>
    salespeople.find((s) => s.id === c.ownerUserId && rnd() < 0.7) ?? salespeople[i % salespeople.length]!
  // a third of what is known is older than 180 days
  const daysAgo = () => Math.max(1, Math.round(365 * rnd() ** 1.6))

  type Row = {
    workspaceId: string
    customerId: string
    personId: string | null
    category: string
    text: string
    recordedBy: string
    recordedByName: string
    recordedAt: Date
    lastConfirmedAt: Date
    engagementId: string | null
  }
  const rows: Row[] = []
  const add = (
    c: { id: string; ownerUserId: string | null },
    personId: string | null,
    text: string,
    i: number,
    at = new Date(now - daysAgo() * DAY),
  ) => {
    const about = personId ? 'person' : 'organisation'
    const who = recorderOf(c, i)
    rows.push({
      workspaceId,
      customerId: c.id,
      personId,
      // the suggestion a recorder would have been offered, else the nearest category by its words
      category: demoCategoryFor(text, about),
      text,
      recordedBy: who.id,
      recordedByName: who.name,
      recordedAt: at,
      lastConfirmedAt: at,
      engagementId: null,
    })
  }

  let profile = 0
  let name = 0
  for (const [i, c] of customers.entries()) {
    // top 15: two people each; to 40: one, known fully; to 100: one, two or three things known
    const wanted = i < 15 ? 2 : i < 100 ? 1 : 0
    if (!wanted || profile >= profiles.length) break
    const mine = people.filter((p) => p.customerId === c.id)
    while (mine.length < wanted) {
      const created = await trx
        .insertInto('customerPerson')
        .values({
          workspaceId,
          customerId: c.id,
          name: nameAt(name),
          title: TITLES[name % TITLES.length]!,
        })
        .returning(['id', 'customerId', 'name'])
        .executeTakeFirstOrThrow()
      name++
      mine.push(created)
    }
    for (const p of mine.slice(0, wanted)) {
      const sentences = profiles[profile++] ?? []
      for (const text of i < 40 ? sentences : sentences.slice(0, 1 + (i % 3))) add(c, p.id, text, i)
    }
    if (i < ORGANISATION_SECRETS.length) add(c, null, ORGANISATION_SECRETS[i]!, i)
  }

  // engagements at the top customers, with what was heard there linked to them
  for (const [i, c] of customers.slice(0, 8).entries()) {
    const theirs = rows.filter((r) => r.customerId === c.id)
    for (let k = 0; k < 2 && theirs.length > k * 2; k++) {
      const e = ENGAGEMENTS[(i + k) % ENGAGEMENTS.length]!
      const at = new Date(now - (20 + ((i * 37 + k * 90) % 300)) * DAY)
      const heard = theirs.slice(k * 2, k * 2 + 2)
      const who = recorderOf(c, i + k)
      const engagement = await trx
        .insertInto('engagement')
        .values({
          workspaceId,
          customerId: c.id,
          occurredAt: at,
          channel: e.channel,
          summary: e.summary,
          personIds: [...new Set(heard.map((r) => r.personId).filter((x): x is string => !!x))],
          userIds: [who.id],
          createdBy: who.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const r of heard) {
        Object.assign(r, { engagementId: engagement.id, recordedAt: at, lastConfirmedAt: at })
        r.recordedBy = who.id
        r.recordedByName = who.name
      }
    }
  }

  // history: what the top customer's key person did at weekends, and what they do now
  const top = customers[0]
  const keyPerson = top && people.find((p) => p.customerId === top.id)
  let superseded: { oldText: string; newText: string } | null = null
  if (top && keyPerson) {
    superseded = {
      oldText: 'Plays golf every Saturday morning at the local club.',
      newText: 'Gave up golf last spring; sails on the lake every weekend now.',
    }
    add(top, keyPerson.id, superseded.oldText, 0, new Date(now - 300 * DAY))
    add(top, keyPerson.id, superseded.newText, 0, new Date(now - 30 * DAY))
  }

  const inserted: Array<{ id: string; text: string }> = []
  for (let k = 0; k < rows.length; k += 500) {
    const chunk = rows.slice(k, k + 500)
    const concepts = await Promise.all(chunk.map((r) => deps.concepts.expand(r.text)))
    inserted.push(
      ...(await trx
        .insertInto('secret')
        .values(chunk.map((r, j) => ({ ...r, layer: 'secret', certainty: 'heard', concepts: concepts[j]! })))
        .returning(['id', 'text'])
        .execute()),
    )
  }
  if (superseded) {
    const older = inserted.find((s) => s.text === superseded.oldText)!
    const newer = inserted.find((s) => s.text === superseded.newText)!
    await trx
      .updateTable('secret')
      .set({ status: 'outdated', supersededBy: newer.id, outdatedAt: new Date(now - 30 * DAY) })
      .where('id', '=', older.id)
      .execute()
  }
  await auditLog(trx, workspaceId).record({
    actorUserId: null,
    actorLabel: 'demo setup',
    action: 'secrets.imported',
    targetType: 'workspace',
    targetId: workspaceId,
    details: { source: 'persona-secrets.json (demo)', added: inserted.length, peopleAdded: name },
  })
  return inserted.length
}
