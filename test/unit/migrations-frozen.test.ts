import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/db/migrate.ts'

const folder = path.resolve(import.meta.dirname, '../../src/db/migrations')

/**
 * Every migration file as released, by the sha256 of its contents. A database that ran a migration
 * never runs it again, so changing a released one changes nothing there and makes new databases
 * differ from old ones: the change must be a new migration. A new migration is added here by hand,
 * on purpose, once it is written (a file not yet released may change, with its hash here).
 */
const RELEASED: Record<string, string> = {
  '2026-11-24T0100-foundation.ts': '1649479088a08a25977f8452df243fc328505aa68b4a5375ffba2398a8fae085',
  '2026-11-24T0200-customers.ts': '6faccf7242be6a14da73b2d4f46e848f31305ec2ae3c9fa188428bacf862417c',
  '2026-11-24T0300-customer-list-indexes.ts':
    'f200c6dbca317c39655f9ab0363867e08577b539012227bfad16b00f3548d928',
  '2026-11-24T0400-secrets.ts': 'a6a268523a29bacc685c45510424011850fb8bd1233ff5f81de2674978c4fcba',
  '2026-11-24T0500-recovery.ts': 'b5799920c5755fef95f211a8af20f1dafc61f49ceef878946661ba2ac25ce8d5',
  '2026-11-24T0610-secret-text-search.ts': '681bd191c69e3bbbf789773cd94b29febee0884e2176abdda2e1b386ce865168',
  '2026-11-24T0720-webhook-attempts.ts': 'd8537d29bb845869532c10c26b944e2a9cbce5b8a1776f6bd7a9175bd8dc5422',
  '2026-11-24T0800-customer-name-search.ts':
    '1182ceccb48607431cfc7d424d6d67dcbedca7bd4b2715224886488734ba04c6',
  '2026-11-24T0810-surprise-catalogue-version.ts':
    '6a90345da3ddedc0fc072fbaae1f1c4722d96b0acadece3d083731fb027ff681',
  '2026-11-24T0820-customer-orders-index.ts':
    '82e9c45debcb14a8895df66ef7b2966eb523c18d47516b04ce543f94dacc82be',
  '2026-11-24T0830-secret-lexeme-counts.ts':
    '78e12bf3f5a7cca7a9808d50ab52a99610b697abbd2a7187e31eb773c2e103ae',
  '2026-11-24T0840-customer-segment-value-index.ts':
    'ca2124b3ec0aa61ee63b10fb47cdea41ae26ae88dde20a627c07dbe54d74f9ea',
  '2026-11-24T0850-known-function.ts': 'cbb0969c6252606cafb04bc4c25047ecf93fd19daef697a05c257e4d74708acd',
  '2026-11-24T0855-api-token-function.ts': '06dfd28c5a4f1de771f2597d8773e51e379cf871d76ffc63fb6ec72eb53ac975',
  '2026-12-01T0100-token-follows-member.ts':
    'ee9d1c658e44745f5b26b5f8e4799f48627db61f1ce5778bc2fb31e9eefa5080',
  '2026-12-01T0200-sign-in-guard.ts': '96b1e008a98a173a7e6d3ea49bd8e763178cee1b5d6f32770b2397bffa04c675',
  '2026-12-02T0100-accountability.ts': '52489d8e061fa62ae5daa829da35f3c8b07acbcf66d75aada955d14132f47119',
  '2026-12-14T0100-feedback-delivery.ts': '1892020e45ddef6a4821c9492b5959f6b826de16988b1113816f35121e4b89fe',
  '2026-12-15T0200-relationship-depth.ts': '09bfc6e0616eda70f86a5aeaeda58dd929f6beef50b3957c7c03db5e615d03fc',
  '2026-12-15T0100-reporting-lines.ts': '8bb5050ededc5c361bb4371a6e11afbcf080d848df6a95b5ba89c87c2507620d',
  '2026-12-15T0300-growth-goal.ts': '7170f92fb9b2ce61da7e9481683c929d5fce10fbc12a7940c7cd5bdb3fe32347',
  '2026-12-15T0400-recovery-stories.ts': 'de2fa25b84ff4ea2e4481562b3196b2863704628dc6981ff6624a0b9cb5a4657',
  '2026-12-15T0500-awards.ts': '43bf00aa2aac6eccb9cb9938440d7c9299e40c7a14b288ba812a1eb6abeb2c4b',
  '2026-12-15T0600-wow-moments.ts': '987baa3a723cbe545bbcd4aadd174442b892d083f51803a3ba4a6a7bff5f2f16',
  '2026-12-15T0700-performance-plans.ts': 'e618eb7a0b38adeb618941675a63e612b190bb1444bcf39edafd82e1aa0944d3',
  '2026-12-15T0800-wall-links.ts': '0eb5578101a86784f86b5677cc264bf17d4d97e9fab02830d3a1fed2e7963a86',
  '2026-12-15T0900-import-preferences.ts': 'ee6aa5e814abd0d0f50a1966985c80a649b87feabbfcb6e2843c572b1aa8a6e0',
  // not a migration, but every migration runs through it: how it splits a script is frozen too
  'run-statements.ts': '12112a64d902a4d7855e6674d90a0c489d75e52922e19720182f4c1c9c2cf230',
  // the row-level security every workspace table gets, from 2026-12-02 on
  'workspace-rls.ts': '88a9d54fbf2ef1b1504949c9edde6f446e91e375a0c3805e7337c0ba4f1c830b',
}

const MIGRATION_FILE = /^\d{4}-\d{2}-\d{2}T\d{4}-[a-z0-9-]+\.ts$/
const files = readdirSync(folder).sort()
const migrationFiles = files.filter((f) => MIGRATION_FILE.test(f))
// line endings as committed, whatever a checkout made of them
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(folder, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex')

it('keeps every released migration as it was released', () => {
  const changed = files
    .filter((f) => RELEASED[f] && RELEASED[f] !== sha256(f))
    .map(
      (f) =>
        `src/db/migrations/${f} changed after it was released: databases that ran it will not run it again. ` +
        'Undo the change and write it as a new migration (only a migration no database has run yet may change, ' +
        `with its hash in test/unit/migrations-frozen.test.ts: '${f}': '${sha256(f)}').`,
    )
  expect(changed, changed.join('\n')).toEqual([])
})

it('knows the hash of every file in the migrations folder', () => {
  const unknown = files
    .filter((f) => !RELEASED[f])
    .map(
      (f) =>
        `src/db/migrations/${f} has no hash in test/unit/migrations-frozen.test.ts: once it is final, add ` +
        `'${f}': '${sha256(f)}', to RELEASED (from then on it is frozen) and list it in src/db/migrate.ts.`,
    )
  const gone = Object.keys(RELEASED)
    .filter((f) => !files.includes(f))
    .map(
      (f) =>
        `src/db/migrations/${f} was released and is gone: databases have it recorded. Put it back; ` +
        'undo what it did with a new migration instead.',
    )
  expect([...unknown, ...gone], [...unknown, ...gone].join('\n')).toEqual([])
})

/** what the migrations run through, frozen with them */
const HELPERS = ['run-statements.ts', 'workspace-rls.ts']

it('names every migration file by its time, so that name order is time order', () => {
  const misnamed = files.filter((f) => !MIGRATION_FILE.test(f) && !HELPERS.includes(f))
  expect(misnamed, `not named YYYY-MM-DDTHHMM-what-it-does.ts: ${misnamed.join(', ')}`).toEqual([])
})

it('lists every migration file in src/db/migrate.ts, in name order, each under its own name', async () => {
  const listed = Object.keys(MIGRATIONS)
  const expected = migrationFiles.map((f) => f.replace(/\.ts$/, ''))
  expect(listed, 'src/db/migrate.ts must list exactly the files of src/db/migrations, in name order').toEqual(
    expected,
  )
  for (const name of listed) {
    const module = await import(`../../src/db/migrations/${name}.ts`)
    expect(MIGRATIONS[name], `src/db/migrate.ts lists '${name}' with another file's module`).toBe(module)
  }
})
