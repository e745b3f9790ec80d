import type { ColumnType } from 'kysely'
import type * as G from './schema.generated.ts'

/**
 * The migrated schema as TypeScript sees it (camelCase; CamelCasePlugin maps to snake_case).
 * schema.generated.ts is made from the migrated database by `npm run db:types`, and a test fails
 * when it is out of date with the migrations; this file only narrows what the database cannot say:
 * the shape of JSON columns, and columns the code never writes.
 */
export { TABLE_COLUMNS } from './schema.generated.ts'

/** `T` with some columns' types replaced; naming a column `T` lacks fails to compile, so no refinement outlives its column. */
type Refine<T, R extends { [K in keyof R]: K extends keyof T ? unknown : never }> = Omit<T, keyof R> & R

/** JSON the code writes as text (JSON.stringify) and reads parsed. */
type JsonText<Select, Insert = string> = ColumnType<Select, Insert, string>

type ImportError = { row: number; column: string | null; reason: string }

export type WorkspaceTable = Refine<G.Workspace, { settings: G.Generated<Record<string, unknown>> }>
/** the details are written once, with the event, and never changed; ids arrive as text from pages' cursors */
export type AuditEventTable = Refine<
  G.AuditEvent,
  {
    id: G.Generated<number | string>
    details: ColumnType<Record<string, unknown>, string | undefined, never>
  }
>
export type ImportRunTable = Refine<
  G.ImportRun,
  { mapping: JsonText<Record<string, string>>; errors: JsonText<ImportError[]> }
>
export type ValueSnapshotTable = Refine<G.ValueSnapshot, { report: JsonText<unknown> }>
/** `search` is a generated column: the database fills it from the text and concepts */
export type SecretTable = Refine<G.Secret, { search: ColumnType<string, never, never> }>
export type AudienceTable = Refine<G.Audience, { query: JsonText<unknown> }>
export type JobTable = Refine<
  G.Job,
  { id: G.Generated<number | string>; payload: JsonText<unknown, string | undefined> }
>
export type WebhookDeliveryTable = Refine<G.WebhookDelivery, { payload: JsonText<unknown> }>

export type DB = Refine<
  G.DB,
  {
    workspace: WorkspaceTable
    auditEvent: AuditEventTable
    importRun: ImportRunTable
    valueSnapshot: ValueSnapshotTable
    secret: SecretTable
    audience: AudienceTable
    job: JobTable
    webhookDelivery: WebhookDeliveryTable
  }
>
