import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { sql } from 'kysely'
import { recomputeValue } from '../db/value.store.ts'
import { DomainError } from '../domain/errors.ts'
import { createApiToken } from '../domain/workspaces/create-api-token.ts'
import { inviteMember } from '../domain/workspaces/invite-member.ts'
import type { Role } from '../domain/workspaces/roles.ts'
import { seedDemoAccountability } from './demo-accountability.ts'
import { seedDemoAwards } from './demo-awards.ts'
import { demoDataFile, demoNames } from './demo-data.ts'
import { seedDemoGrowth } from './demo-growth.ts'
import { seedDemoMoments } from './demo-moments.ts'
import { seedDemoPerformancePlan } from './demo-performance-plans.ts'
import { seedDemoRecoveries } from './demo-recoveries.ts'
import { seedDemoRelationshipDepth } from './demo-relationship-depth.ts'
import { seedDemoReportingLines } from './demo-reporting-lines.ts'
import { seedDemoSecrets } from './demo-secrets.ts'
import { seedDemoStories } from './demo-stories.ts'
import { seedDemoSurprises } from './demo-surprises.ts'
import { seedDemoWall } from './demo-wall.ts'
import type { ServerDeps } from './deps.ts'
import { runPurchaseImport } from './imports/run-import.ts'
import { runInWorkspace } from './in-workspace.ts'
import { createUserInWorkspace } from './tasks/tasks.ts'

export const DEMO_SLUG = 'demo'
export const DEMO_PASSWORD = 'dazzle-demo-2026'

const PEOPLE: Array<{ name: string; email: string; role: Role }> = [
  { name: 'Maya Chen', email: 'maya@northwind.demo', role: 'admin' },
  { name: 'Leo Okafor', email: 'leo@northwind.demo', role: 'leader' },
  { name: 'Sofia Ricci', email: 'sofia@northwind.demo', role: 'sales' },
  { name: 'Sam Patel', email: 'sam@northwind.demo', role: 'service' },
  { name: 'Nora Lind', email: 'nora@northwind.demo', role: 'marketing' },
]

/**
 * The demo workspace a newcomer explores: Northwind Outfitters with one person per role, a pending
 * invitation and an API token. Created once; later starts find it and leave it alone.
 */
export const ensureDemoWorkspace = async (deps: ServerDeps): Promise<string | null> => {
  if (await deps.identity.workspaceBySlug(DEMO_SLUG)) return null
  for (const p of PEOPLE) {
    await createUserInWorkspace(deps, { workspace: DEMO_SLUG, password: DEMO_PASSWORD, ...p }, 'demo setup')
  }
  const ws = (await deps.identity.workspaceBySlug(DEMO_SLUG))!
  await deps.database.db
    .updateTable('workspace')
    .set({ name: 'Northwind Outfitters (demo)' })
    .where('id', '=', ws.id)
    .execute()
  const maya = (await deps.identity.userByEmail('maya@northwind.demo'))!
  const actor = { userId: maya.id, role: 'admin' as const, label: maya.email }
  await runInWorkspace(deps, null, ws.id, async (w) => {
    await inviteMember(w, actor, { email: 'new.hire@northwind.demo', role: 'sales' }).catch((e) => {
      if (!(e instanceof DomainError)) throw e
    })
    await createApiToken(w, actor, { name: 'Nightly ERP export', role: 'marketing' })
  })
  await seedDemoReportingLines(deps, ws.id, actor)
  await seedDemoCustomers(deps, ws.id, maya.id)
  await seedDemoSurprises(deps, ws.id, actor)
  const person = async (email: string, role: Role) => {
    const u = (await deps.identity.userByEmail(email))!
    return { userId: u.id, role, label: email, name: u.name || email }
  }
  await seedDemoRecoveries(deps, ws.id, {
    maya: { ...actor, name: maya.name || maya.email },
    sofia: await person('sofia@northwind.demo', 'sales'),
    sam: await person('sam@northwind.demo', 'service'),
  })
  await seedDemoAccountability(deps, ws.id, {
    leo: await person('leo@northwind.demo', 'leader'),
    sofia: await person('sofia@northwind.demo', 'sales'),
    maya: { ...actor, name: maya.name || maya.email },
  })
  await seedDemoStories(deps, ws.id, {
    sam: await person('sam@northwind.demo', 'service'),
    sofia: await person('sofia@northwind.demo', 'sales'),
    leo: await person('leo@northwind.demo', 'leader'),
    maya: { ...actor, name: maya.name || maya.email },
    nora: await person('nora@northwind.demo', 'marketing'),
  })
  await seedDemoRelationshipDepth(deps, ws.id, {
    leo: await person('leo@northwind.demo', 'leader'),
    owners: [await person('sofia@northwind.demo', 'sales'), actor],
  })
  await seedDemoAwards(deps, ws.id, {
    leo: await person('leo@northwind.demo', 'leader'),
    nora: await person('nora@northwind.demo', 'marketing'),
    sam: await person('sam@northwind.demo', 'service'),
    sofia: await person('sofia@northwind.demo', 'sales'),
    maya: actor,
  })
  await seedDemoGrowth(deps, ws.id, await person('leo@northwind.demo', 'leader'))
  await seedDemoMoments(deps, ws.id, { maya: actor })
  await seedDemoPerformancePlan(deps, ws.id, {
    maya: actor,
    leo: await person('leo@northwind.demo', 'leader'),
  })
  const wall = await seedDemoWall(deps, ws.id, actor)
  return [
    `Demo workspace "Northwind Outfitters (demo)" created. Sign in at ${deps.config.baseUrl} as`,
    ...PEOPLE.map((p) => `  ${p.email.padEnd(24)} ${p.role.padEnd(10)} password: ${DEMO_PASSWORD}`),
    `The office wall (no sign-in; Maya finds it under Settings › Wall): ${wall}`,
  ].join('\n')
}

const SAMPLE = demoDataFile('online-retail-sample.csv.gz')

const KEY_PEOPLE = [
  { name: 'Eleanor Hartley', title: 'Owner', spouse: 'James', children: ['Poppy', 'Theo'] },
  { name: 'Claire Dubois', title: 'Head buyer', spouse: 'Marc', children: ['Léa'] },
  { name: 'Priya Kestrel', title: 'Managing director', spouse: 'Arjun', children: ['Maya', 'Dev'] },
  { name: 'Tom Oakridge', title: 'Purchasing manager', spouse: 'Sarah', children: ['Ben', 'Isla', 'Finn'] },
  { name: 'Grace Bell', title: 'Founder', spouse: 'Oliver', children: [] },
]

/**
 * Customers with a real purchase history: a sample of the online-retail year, shifted so that it
 * ends yesterday (so "last 12 months" means something), then names, owners, segments, people and
 * family for the top customers, and category-spend estimates for the grow-here list.
 */
const seedDemoCustomers = async (deps: ServerDeps, workspaceId: string, adminId: string) => {
  await runPurchaseImport(
    deps,
    workspaceId,
    adminId,
    [{ name: 'online-retail-sample.csv', stream: createReadStream(SAMPLE).pipe(createGunzip()) }],
    {
      kind: 'purchases',
      dryRun: false,
      keepGoodRows: false,
      timezone: 'Europe/London',
      currency: 'GBP',
      fileName: 'online-retail-sample.csv (demo)',
    },
  )
  const users = Object.fromEntries(
    await Promise.all(
      PEOPLE.map(async (p) => [p.email, (await deps.identity.userByEmail(p.email))!.id] as const),
    ),
  )
  await runInWorkspace(deps, null, workspaceId, async ({ trx }) => {
    const last = await sql<{
      last: Date
    }>`select max(purchased_at) as last from purchase where workspace_id = ${workspaceId}`.execute(trx)
    const shiftMs = deps.clock.now().getTime() - 24 * 3600_000 - new Date(last.rows[0]!.last).getTime()
    await sql`update purchase set purchased_at = purchased_at + ${`${Math.round(shiftMs / 1000)} seconds`}::interval
              where workspace_id = ${workspaceId}`.execute(trx)
    await recomputeValue(trx, workspaceId, deps.clock.now())
    const ranked = await trx
      .selectFrom('customer')
      .select(['id', 'valueTier', 'country', 'lifetimeRevenue'])
      .where('workspaceId', '=', workspaceId)
      .orderBy('valueRank')
      .execute()
    const { companies } = demoNames()
    const owned: Array<{ id: string; ownerUserId: string | null }> = []
    for (const [i, c] of ranked.entries()) {
      const owner =
        i % 3 === 0 ? users['sofia@northwind.demo'] : i % 3 === 1 ? users['maya@northwind.demo'] : null
      owned.push({ id: c.id, ownerUserId: owner ?? null })
      await trx
        .updateTable('customer')
        .set({
          ...(i < companies.length ? { name: companies[i]! } : {}),
          segment: c.country === 'United Kingdom' ? 'UK wholesale' : 'International',
          ownerUserId: owner ?? null,
          // what they spend in our category in a year, by our estimate: our share is 20–90 %
          estimatedCategorySpend:
            c.valueTier !== 'C'
              ? Math.round(Number(c.lifetimeRevenue) / (0.2 + ((i * 37) % 70) / 100))
              : null,
        })
        .where('id', '=', c.id)
        .execute()
      const p = KEY_PEOPLE[i]
      if (p) {
        const person = await trx
          .insertInto('customerPerson')
          .values({ workspaceId, customerId: c.id, name: p.name, title: p.title })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('customerRelation')
          .values([
            { workspaceId, customerId: c.id, personId: person.id, kind: 'spouse', name: p.spouse },
            ...p.children.map((name) => ({
              workspaceId,
              customerId: c.id,
              personId: person.id,
              kind: 'child',
              name,
            })),
          ])
          .execute()
      }
    }
    await recomputeValue(trx, workspaceId, deps.clock.now())
    // what the team has heard, the most valuable customers first; gathered by sales, service and their leaders
    await seedDemoSecrets(
      deps,
      trx,
      workspaceId,
      owned,
      PEOPLE.filter((p) => p.role !== 'marketing').map((p) => ({ id: users[p.email]!, name: p.name })),
    )
  })
}
