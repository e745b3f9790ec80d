/**
 * Imported first by the entry (main.tsx), before any module that builds a zod schema: zod reads
 * `jitless` when a schema is built. See `installOurWords`.
 */
import { installOurWords } from './schema-messages.ts'

installOurWords()
