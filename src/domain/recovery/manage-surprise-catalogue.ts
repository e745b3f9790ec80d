import { actedBy } from '../audit/audit-event.ts'
import type { RowProblem } from '../customers/purchase-import.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import {
  checkSurpriseDraft,
  conceptSource,
  normaliseTags,
  type SurpriseDraft,
  type SurpriseItem,
  type SurpriseRow,
  sameAsItem,
  titleKey,
} from './surprise-catalogue.ts'
import type { SurpriseDeps } from './surprise-ports.ts'

type CatalogueDeps = Pick<SurpriseDeps, 'surprises' | 'audit' | 'concepts'>

const loadItem = async (deps: Pick<CatalogueDeps, 'surprises'>, id: string): Promise<SurpriseItem> => {
  const item = await deps.surprises.get(id)
  if (!item) throw new DomainError('surprise_not_found', 'No such surprise in the catalogue.')
  return item
}

/** One catalogue item, for whoever may read recoveries. */
export const readSurpriseItem = async (deps: Pick<CatalogueDeps, 'surprises'>, actor: Actor, id: string) => {
  authorize(actor, 'recovery.read')
  return loadItem(deps, id)
}

const alreadyThere = (title: string) =>
  new DomainError(
    'invalid_input',
    `"${title}" is already in the catalogue: change that one, or give this one another title.`,
    { field: 'title' },
  )

/** Every change to one item is audited alike: who, which item, and what changed (never its words). */
const catalogueChanged = (deps: CatalogueDeps, actor: Actor, id: string, details: Record<string, unknown>) =>
  deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'surprise_catalogue.changed',
    targetType: 'surprise_item',
    targetId: id,
    details,
  })

/** Adds an item (leaders, admins); its concepts are worked out now, so ranking needs no lookups. */
export const addSurpriseItem = async (deps: CatalogueDeps, actor: Actor, input: SurpriseDraft) => {
  authorize(actor, 'recovery.manage_plans')
  const draft = { ...input, title: input.title.trim(), tags: normaliseTags(input.tags) }
  checkSurpriseDraft(draft)
  const sourceKey = titleKey(draft.title)
  if ((await deps.surprises.bySourceKeys([sourceKey])).length > 0) throw alreadyThere(draft.title)
  const concepts = await deps.concepts.expand(conceptSource(draft))
  const id = await deps.surprises.insert({ ...draft, concepts, sourceKey })
  // the check above cannot see an add of the same title still in flight; the key can
  if (!id) throw alreadyThere(draft.title)
  await catalogueChanged(deps, actor, id, { created: true, cost: draft.cost, kind: draft.kind })
  return loadItem(deps, id)
}

/** Changes an item; the concepts follow its words. Open OOPS! that chose it keep what they recorded. */
export const changeSurpriseItem = async (
  deps: CatalogueDeps,
  actor: Actor,
  id: string,
  patch: Partial<SurpriseDraft>,
) => {
  authorize(actor, 'recovery.manage_plans')
  const current = await loadItem(deps, id)
  const next: SurpriseDraft = {
    title: patch.title?.trim() ?? current.title,
    description: patch.description !== undefined ? patch.description : current.description,
    cost: patch.cost ?? current.cost,
    leadTimeHours: patch.leadTimeHours ?? current.leadTimeHours,
    kind: patch.kind ?? current.kind,
    tags: patch.tags ? normaliseTags(patch.tags) : current.tags,
    active: patch.active ?? current.active,
  }
  checkSurpriseDraft(next)
  if (next.title !== current.title) {
    const clash = (await deps.surprises.bySourceKeys([titleKey(next.title)])).find((i) => i.id !== id)
    if (clash) throw alreadyThere(next.title)
  }
  const wordsChanged =
    next.title !== current.title ||
    next.description !== current.description ||
    next.tags.join('\u0000') !== current.tags.join('\u0000')
  await deps.surprises.update(id, {
    ...next,
    ...(wordsChanged ? { concepts: await deps.concepts.expand(conceptSource(next)) } : {}),
  })
  await catalogueChanged(deps, actor, id, { fields: Object.keys(patch) })
  return loadItem(deps, id)
}

/**
 * Removes an item. One that a customer already received stays, taken out of the catalogue
 * (inactive): it is how "never the same surprise twice" remembers what they got.
 */
export const removeSurpriseItem = async (deps: CatalogueDeps, actor: Actor, id: string) => {
  authorize(actor, 'recovery.manage_plans')
  const item = await loadItem(deps, id)
  const given = await deps.surprises.timesGiven(id)
  if (given > 0) await deps.surprises.update(id, { active: false })
  else await deps.surprises.remove(id)
  const outcome = given > 0 ? ('deactivated' as const) : ('deleted' as const)
  await catalogueChanged(deps, actor, id, { removed: outcome, title: item.title })
  return { outcome, timesGiven: given }
}

export interface ImportRowProblem extends RowProblem {
  row: number
}

export interface SurpriseImportReport {
  status: 'imported' | 'checked' | 'rejected' | 'partial'
  rows: number
  added: number
  updated: number
  unchanged: number
  errorCount: number
  errors: ImportRowProblem[]
  /** what each of the first rows will do */
  preview: Array<{ row: number; action: 'add' | 'update' | 'unchanged'; item: SurpriseRow }>
}

/**
 * A catalogue file, all or nothing: any refused row refuses the file (unless `keepGoodRows`), and
 * nothing is written on a dry run. Idempotent: a row is matched to an item by its key (the file's
 * key column, else its title), so a second import of the same file changes nothing.
 */
export const importSurpriseRows = async (
  deps: CatalogueDeps,
  actor: Actor,
  parsed: { rows: Array<{ row: number; item: SurpriseRow }>; errors: ImportRowProblem[]; total: number },
  opts: { dryRun: boolean; keepGoodRows: boolean; fileName?: string | null | undefined },
): Promise<SurpriseImportReport> => {
  authorize(actor, 'recovery.manage_plans')
  const errors = [...parsed.errors]
  const seen = new Map<string, number>()
  const good: Array<{ row: number; item: SurpriseRow }> = []
  for (const r of parsed.rows) {
    const first = seen.get(r.item.sourceKey)
    if (first !== undefined) {
      errors.push({
        row: r.row,
        column: null,
        reason: `the same item as row ${first} (${r.item.sourceKey.startsWith('key:') ? 'same key' : 'same title'})`,
      })
      continue
    }
    seen.set(r.item.sourceKey, r.row)
    good.push(r)
  }
  // an explicit key may adopt an item first made by hand (known by its title)
  const existing = await deps.surprises.bySourceKeys([
    ...good.map((g) => g.item.sourceKey),
    ...good.map((g) => titleKey(g.item.title)),
  ])
  const byKey = new Map(existing.filter((e) => e.sourceKey).map((e) => [e.sourceKey!, e]))
  const plan = good.map((g) => {
    const match = byKey.get(g.item.sourceKey) ?? byKey.get(titleKey(g.item.title))
    const action: 'add' | 'update' | 'unchanged' = !match
      ? 'add'
      : sameAsItem(g.item, match) && match.sourceKey === g.item.sourceKey
        ? 'unchanged'
        : 'update'
    return { ...g, action, match }
  })
  // two rows must not land on one item (a key on one row, the same title on another)
  const targets = new Map<string, number>()
  for (const p of plan) {
    if (!p.match) continue
    const other = targets.get(p.match.id)
    if (other !== undefined) {
      errors.push({ row: p.row, column: null, reason: `the same item as row ${other} (same title)` })
    } else targets.set(p.match.id, p.row)
  }
  const refusedRows = new Set(errors.map((e) => e.row))
  const kept = plan.filter((p) => !refusedRows.has(p.row))
  const count = (a: string) => kept.filter((p) => p.action === a).length
  const report: SurpriseImportReport = {
    status: 'checked',
    rows: parsed.total,
    added: count('add'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errorCount: errors.length,
    errors: errors.sort((a, b) => a.row - b.row).slice(0, 500),
    preview: plan.slice(0, 10).map((p) => ({ row: p.row, action: p.action, item: p.item })),
  }
  if (errors.length > 0 && !opts.keepGoodRows)
    return { ...report, status: 'rejected', added: 0, updated: 0, unchanged: 0 }
  if (opts.dryRun) return report
  for (const p of kept) {
    if (p.action === 'unchanged') continue
    const { sourceKey, ...draft } = p.item
    const concepts = await deps.concepts.expand(conceptSource(draft))
    if (p.match) await deps.surprises.update(p.match.id, { ...draft, concepts, sourceKey })
    else await deps.surprises.insert({ ...draft, concepts, sourceKey })
  }
  await deps.audit.record(
    actedBy(
      actor,
      'surprise_catalogue.changed',
      { type: 'surprise_item' },
      {
        imported: true,
        file: opts.fileName ?? null,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        refused: errors.length,
      },
    ),
  )
  return { ...report, status: errors.length > 0 ? 'partial' : 'imported' }
}
