import { readFileSync } from 'node:fs'
import path from 'node:path'

/** A file of the demo's data (demo-data/), kept as data beside the code that seeds it. */
export const demoDataFile = (name: string) => path.join(import.meta.dirname, 'demo-data', name)

interface DemoNames {
  /** the shops the most valuable customers are named, in order of value */
  companies: string[]
  firstNames: string[]
  lastNames: string[]
}
let names: DemoNames | undefined

/** The invented names the demo gives (demo-data/names.json), read once. */
export const demoNames = (): DemoNames => {
  names ??= JSON.parse(readFileSync(demoDataFile('names.json'), 'utf8')) as DemoNames
  return names
}
