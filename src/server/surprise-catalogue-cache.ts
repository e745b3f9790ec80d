import { type PreparedCatalogue, prepareCatalogue } from '../domain/recovery/recommend-surprise.ts'
import type { SurpriseItem } from '../domain/recovery/surprise-catalogue.ts'

/**
 * Working out a catalogue's words, concepts and index takes longer than ranking it for one OOPS!
 * (a 500-item catalogue: about a quarter of a second): keep the last one per workspace, until any
 * item changes. The signature is built from every field the ranking reads, so an edit made by
 * another instance is seen on the next request; nothing else is shared between instances.
 */
export const surpriseCatalogueCache = (max = 50) => {
  const cache = new Map<string, { signature: string; prepared: PreparedCatalogue<SurpriseItem> }>()
  return (workspaceId: string) =>
    (items: SurpriseItem[]): PreparedCatalogue<SurpriseItem> => {
      const signature = items
        .map((i) =>
          [
            i.id,
            i.title,
            i.description ?? '',
            i.cost,
            i.leadTimeHours,
            i.kind,
            i.tags.join('|'),
            i.concepts,
            i.active,
          ].join('\u0001'),
        )
        .join('\u0002')
      const hit = cache.get(workspaceId)
      if (hit && hit.signature === signature) {
        // the items are read afresh on each request: hand back this request's objects
        return { ...hit.prepared, features: hit.prepared.features.map((f, n) => ({ ...f, item: items[n]! })) }
      }
      const prepared = prepareCatalogue(items)
      cache.delete(workspaceId)
      cache.set(workspaceId, { signature, prepared })
      if (cache.size > max) cache.delete(cache.keys().next().value!)
      return prepared
    }
}
