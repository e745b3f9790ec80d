import { type PreparedCatalogue, prepareCatalogue } from '../domain/recovery/recommend-surprise.ts'
import type { SurpriseItem } from '../domain/recovery/surprise-catalogue.ts'
import type { CatalogueCache } from '../domain/recovery/surprise-ports.ts'

/**
 * Working out a catalogue's words, concepts and index takes longer than ranking it for one OOPS!
 * (a 500-item catalogue: about a quarter of a second), and reading it is most of a suggestion's
 * database time: keep the last one per workspace with the version the database gives it
 * (`surprise_catalogue_version`, bumped by a trigger on any change to its items, made by any
 * instance). Version 0 (never had items) is not kept. The items are shared between requests and
 * must not be changed.
 */
export const surpriseCatalogueCache = (max = 50) => {
  const cache = new Map<
    string,
    { version: number; items: SurpriseItem[]; prepared: PreparedCatalogue<SurpriseItem> }
  >()
  return (workspaceId: string): CatalogueCache =>
    async (version, load) => {
      const hit = cache.get(workspaceId)
      if (hit && version > 0 && hit.version === version) return hit
      const items = await load()
      const entry = { version, items, prepared: prepareCatalogue(items) }
      cache.delete(workspaceId)
      if (version > 0) cache.set(workspaceId, entry)
      if (cache.size > max) cache.delete(cache.keys().next().value!)
      return entry
    }
}
