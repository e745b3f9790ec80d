/** Formatting moved into the kit (`src/web/ui/format.ts`); this keeps the older imports working. */
export * from '../ui/format.ts'
