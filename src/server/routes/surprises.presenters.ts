import type { z } from 'zod'
import { fileKeyOf, type SurpriseItem } from '../../domain/recovery/surprise-catalogue.ts'
import type { surpriseItemSchema } from '../../schemas/surprises.schemas.ts'

/** A catalogue item on the wire (its concepts stay inside). */
export const presentSurpriseItem = ({
  concepts: _c,
  ...i
}: SurpriseItem): z.infer<typeof surpriseItemSchema> => i

/** The catalogue's CSV columns, the ones the import reads: a second import of it changes nothing. */
export const CATALOGUE_CSV_COLUMNS = [
  'key',
  'title',
  'description',
  'cost',
  'lead_time_hours',
  'kind',
  'tags',
  'active',
] as const

export const catalogueCsvRow = (
  i: SurpriseItem,
): Record<(typeof CATALOGUE_CSV_COLUMNS)[number], unknown> => ({
  key: fileKeyOf(i.sourceKey),
  title: i.title,
  description: i.description ?? '',
  cost: i.cost,
  lead_time_hours: i.leadTimeHours,
  kind: i.kind,
  tags: i.tags.join('; '),
  active: i.active ? 'yes' : 'no',
})
