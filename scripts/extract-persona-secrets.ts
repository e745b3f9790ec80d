/**
 * Regenerates src/server/demo-data/persona-secrets.json, the demo workspace's secrets, from the
 * human-written persona profiles of Synthetic-Persona-Chat (CC BY 4.0, see
 * src/server/demo-data/SOURCE.txt). The app never reads ../shared at run time: this script does,
 * once, and the compact result is committed.
 *
 *   npx tsx scripts/extract-persona-secrets.ts [folder with Synthetic-Persona-Chat_*.csv]
 *
 * What it does, so the result can be checked by eye:
 * 1. reads every profile cell (4–5 first-person sentences, one per line) of the valid and test splits;
 * 2. leaves out sentences a CRM must not hold or that make no sense about a customer's buyer: special
 *    categories of personal data (health, religion, politics, sexuality, ethnicity, crime), minors
 *    and school, looks and age, hardship and family trouble, the fantastical, and lines the data set
 *    garbled ("I have a dogs": its numbers were replaced by "a");
 * 3. turns each kept sentence into the third person, the way a salesperson notes what they heard
 *    ("I love to bake cookies." → "Loves to bake cookies."; "My father is a farmer." → "Their father
 *    is a farmer."); a sentence it cannot turn cleanly is left out rather than mangled;
 * 4. keeps up to 160 profiles, each with at least 3 sentences no earlier profile used.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'

const here = import.meta.dirname
const from = process.argv[2] ?? path.resolve(here, '../../shared/data/persona-chat')
const out = path.resolve(here, '../src/server/demo-data/persona-secrets.json')
const FILES = ['Synthetic-Persona-Chat_valid.csv', 'Synthetic-Persona-Chat_test.csv']
const MAX_PROFILES = 160

/** words and phrases that put a sentence out of a demo CRM (matched on the lower-cased sentence) */
const LEAVE_OUT: RegExp[] = [
  // special categories of personal data, and health
  /cancer|transplant|surgery|allerg|diabet|disab|deaf|blind|wheelchair|medication|depress|alcohol|hurts|broken arm|stutter|faint|heart outside|weight|skinny|big and tall|feet tall|one leg|not spoken|trauma|pregnan|expecting|\bdiet|tired|feel old|dying|drugs|powers|born with/,
  /christian|catholic|jewish|buddhist|church|\bgod\b|religio|spiritual|kosher|faith|democrat|republican|conservative|politic|feminist|activist/,
  /\btrans\b|polyamor|boyfriend|girlfriend|divorce|cheated|widow|married four|wife left|spends all my money|broke up|steady relationship|lonely|single/,
  /mixed race|native american|somalia|puerto rico|india|immigrant|skin|descendant|american\.$/,
  /shoplift|arrest|detention|released|violent|stealing|guns|gambling|escape|forced to marry/,
  // minors, school, age and looks
  /years? old|i am four|\bboy\b|\bboys\b|girl\b|teen|toys|dolls|playground|grow up|high school|middle school|grade|homeschool|school\.$|at school|to school|in school|math class|freshman|young adult|baby boomer|thirties|my age|hair|eyes|tall\b|pretty|tattoo|nails done|webbed|tail/,
  // hardship, family trouble, work trouble
  /low income|pay my bills|poor growing|wealthy|adopt|deceased|passed away|never visit|get along|not support|supportive|always gone|zero family|not part of my life|did not want me|pole dancer|soft spot|fired|looking for a job|new job|dead end|hate my job|constantly on my back|raised by|single parent|blind dates/,
  // the fantastical, and lines the data set garbled
  /move objects|my mind|forever|the cloud|under the sea|robot|time stop|be a dog|polar bear|arctic|sea creatures|edris|faraway island|furry|taking over the world|british accent|crabby|internet addiction|letters|i am of\.|late was|^a already|^l |its red|karok|pobox|coplay|selkies|\bot\b|taches|world war a|division a|\ba (times|years|kids|children|dogs|sisters|brothers|generations|days|k)\b|twitch|i work took|recording artist market|\d[a-z]|lite brite|live is|made of quilts|drink but/,
  // greetings and names: the demo gives its people their own names
  /^(hey|hello|whats up)\b|my name is|my name|i am what people call/,
  // jobs that contradict who the demo's people are (buyers and owners of shops)
  /^i work\b|\bmy job\b|full ?time job|part time job|for a living|^i am (a|an) (?!.*\b(fan|lover|vegan|vegetarian|avid|great cook|homebody|introvert|fanatic|clean eater|omnivore|party animal|champion|skateboarder|kayaker|runner|environmentalist|volunteer|science fiction author|gold medalist|musician|writer|artist|bodybuilder|body builder)\b)/,
]

/** past-tense forms that stay as they are after "I" */
const PAST = new Set(
  'was were had did grew went got met won ran spent made bought broke became took quit started used studied traveled travelled graduated played moved visited helped married attended dropped collected restored adopted'.split(
    ' ',
  ),
)
const MODALS = new Set(['can', 'cannot', 'could', 'will', 'would', 'should', 'might', 'may', 'must'])
const ADVERBS = new Set(
  'also just really recently currently only often never always usually now still already mostly definitely truly absolutely'.split(
    ' ',
  ),
)

/** "love" → "loves", "go" → "goes", "try" → "tries", "have" → "has", "am" → "is" */
const third = (verb: string): string => {
  if (verb === 'am') return 'is'
  if (verb === "i'm") return 'is'
  if (verb === 'have') return 'has'
  if (verb === 'do') return 'does'
  if (verb === 'go') return 'goes'
  if (verb === 'workout') return 'works out'
  if (PAST.has(verb) || MODALS.has(verb) || verb.endsWith('ed')) return verb
  if (/(s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`
  return `${verb}s`
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** the data set is lower-cased: names of places, people, bands, brands and pets get their capitals back */
const PROPER = [
  'United States of America',
  'Manhattan',
  'Yale',
  'NASCAR',
  'UFC',
  'Alabama',
  'Canada',
  'Ohio',
  'Europe',
  'Spanish',
  'English',
  'French',
  'Chinese',
  'Italian',
  'Mexican',
  'California',
  'Florida',
  'New York City',
  'New York',
  'Seattle',
  'Chicago',
  'Texas',
  'Colorado',
  'Pennsylvania',
  'Arkansas',
  'Australia',
  'Bora Bora',
  'North Dakota',
  'Wisconsin',
  'University of Mississippi',
  'MIT',
  'Christmas',
  'Taylor Swift',
  'Britney Spears',
  'Ed Sheeran',
  'Tim McGraw',
  'John Denver',
  'Bach',
  'Travis Scott',
  'Barry Manila',
  'Rolling Stones',
  'Star Wars',
  'Disney World',
  'Disneyland',
  'Mickey Mouse',
  'Frozen',
  'Lord of the Rings',
  'Call of Duty',
  'Second Life',
  'Nirvana',
  'Metallica',
  'Aerosmith',
  'Rush',
  'Heart',
  'Simple Plan',
  'Rascal Flats',
  'The Who',
  'Insane Clown Posse',
  'New Kids on the Block',
  'Spiderman',
  'Theodore Roosevelt',
  'Honda Civic',
  'Nissan Pathfinder',
  'Rolls Royce Ghost',
  'Mustangs',
  'Mustang',
  'German Shepherd',
  'Siamese',
  'Arabian',
  'Home Depot',
  'US Postal Service',
  'TV',
  'The Office',
  'Friday',
  'Titanic',
  'Olympics',
  'Sundays',
  'Barnaby',
  'Spook',
  'Charlie',
  'Pedro',
  'Trooper',
  'Ginger',
  'Timothy',
  'Arizona',
  'Up',
  'Ferris',
  'Second Life',
]
const properNouns = (s: string) => {
  let t = s
  for (const p of PROPER) {
    // "the band heart", "the who": only where the lower-case word cannot be an ordinary one
    if (['Heart', 'Up', 'Rush', 'Frozen', 'Friday', 'Ginger', 'Charlie', 'Arizona', 'Spook'].includes(p))
      continue
    t = t.replace(new RegExp(`\\b${p.toLowerCase()}\\b`, 'g'), p)
  }
  return t
    .replace(/\bthe band (heart|rush)\b/, (_m, b: string) => `the band ${capitalise(b)}`)
    .replace(/\bband is up\b/, 'band is Up')
    .replace(/\bthe movie frozen\b/, 'the movie Frozen')
    .replace(/\bmovie is friday\b/, 'movie is Friday')
    .replace(/\bnamed (\w+)/, (_m, n: string) => `named ${capitalise(n)}`)
    .replace(/\bname is (\w+)/, (_m, n: string) => `name is ${capitalise(n)}`)
}

/** verbs that follow "and"/"but" in a first-person sentence and share its subject */
const COORDINATED =
  'am|have|do|go|live|like|love|work|sing|study|walk|enjoy|hate|play|own|read|write|rent|want|take|make|ride|swim'

/** a first-person sentence as a salesperson would note it, or null when it does not turn cleanly */
export const toThirdPerson = (sentence: string): string | null => {
  let s = sentence.trim().replace(/\s+/g, ' ')
  if (!/[.!?]$/.test(s)) s = `${s}.`
  const lower = s.charAt(0).toLowerCase() + s.slice(1)
  // the rest of the sentence: i → they, my → their, me → them
  const rest = (t: string) =>
    t
      .replace(/\bi am\b/g, 'they are')
      .replace(/\bi'm\b/g, "they're")
      .replace(/\bi was\b/g, 'they were')
      .replace(/\bi\b/g, 'they')
      .replace(/\bmyself\b/g, 'themselves')
      .replace(/\bmy\b/g, 'their')
      .replace(/\bme\b/g, 'them')
      .replace(/\bmine\b/g, 'theirs')
  const words = lower.split(' ')
  if (words[0] === 'i' && words.length > 2) {
    let k = 1
    const head: string[] = []
    while (ADVERBS.has(words[k] ?? '') && k < words.length - 1) head.push(words[k++]!)
    const verb = words[k]!.replace(/[.,!?]$/, '')
    if (!/^[a-z']+$/.test(verb)) return null
    // "I do not like" → "Does not like"; "I also love" → "Also loves"
    const conj = head.length ? [...head, third(verb)] : [third(verb)]
    // "… and have two kids" → "… and has two kids": the second verb shares the subject
    const tail = rest(words.slice(k + 1).join(' ')).replace(
      new RegExp(`\\b(and|but) (${COORDINATED})\\b`, 'g'),
      (_m, c: string, v: string) => `${c} ${third(v)}`,
    )
    return capitalise(properNouns(`${conj.join(' ')}${words[k]!.match(/[.,!?]$/)?.[0] ?? ''} ${tail}`.trim()))
  }
  const turned = rest(lower)
  // sentences that are about someone else stay so ("Their father is a farmer.")
  if (!/\b(they|their|them|themselves|theirs|they're)\b/.test(turned)) return null
  return capitalise(properNouns(turned))
}

const keep = (sentence: string) => {
  const l = sentence.toLowerCase()
  return !LEAVE_OUT.some((re) => re.test(l))
}

const profiles: string[][] = []
const used = new Set<string>()
let read = 0
for (const f of FILES) {
  const rows = parse(readFileSync(path.join(from, f)), { bom: true, relax_quotes: true }) as string[][]
  for (const row of rows.slice(1)) {
    for (const cell of row.slice(0, 2)) {
      read++
      const fresh = cell
        .split('\n')
        .map((x) => x.trim())
        .filter((x) => x && keep(x) && !used.has(x.toLowerCase()))
        .map((x) => ({ x, t: toThirdPerson(x) }))
        .filter((y): y is { x: string; t: string } => !!y.t)
      if (fresh.length < 3 || profiles.length >= MAX_PROFILES) continue
      for (const y of fresh) used.add(y.x.toLowerCase())
      profiles.push(fresh.map((y) => y.t))
    }
  }
}

writeFileSync(
  out,
  `${JSON.stringify(
    {
      source:
        'Synthetic-Persona-Chat (Google Research, Jandaghi et al. 2023), persona profiles written by crowdworkers (Zhang et al. 2018); CC BY 4.0. Filtered and turned into the third person by scripts/extract-persona-secrets.ts.',
      profiles,
    },
    null,
    1,
  )}\n`,
)
process.stdout.write(
  `${read} profile cells read; ${profiles.length} profiles, ${used.size} distinct sentences kept → ${path.relative(process.cwd(), out)}\n`,
)
