import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const FIXTURE = path.join(ROOT, 'test/fixtures/surprise-eval.json')

const dazzle = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/dazzle.mjs'), ...args], {
      env: { ...process.env, DATABASE_URL: '' },
    })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => {
      stdout += d
    })
    p.stderr.on('data', (d) => {
      stderr += d
    })
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

/**
 * test/fixtures/surprise-eval.json: 45 scenarios the ranking was first developed against, and 75
 * written for issue 14 before its tuning (many secrets per customer, secrets that argue against an
 * item, organisations, breached recoveries, thin evidence). First run of the 120: hit1 0.800, hit3
 * 0.858; after the issue-14 changes 0.958 / 0.975. Sets it was not tuned on: surprise-eval-holdout
 * (22) 1.0 / 1.0 and the hotel catalogue surprise-eval-hotel (18) 0.833 / 0.889. The floors catch a
 * regression; they do not certify tuning to these scenarios. Violations: none, ever (a late act is
 * allowed only after a breach, said to be late, and ready within LATE_WINDOW_HOURS).
 */
const FLOOR = { hit1: 0.85, hit3: 0.9 }

describe('dazzle eval surprises', () => {
  it('ranks the evaluation set with the real ranking and WordNet: no violation, hit rates above the floor', async () => {
    const r = await dazzle(['eval', 'surprises', FIXTURE])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['scenarios', 'hit1', 'hit3', 'violations'])
    expect(out.scenarios).toBeGreaterThanOrEqual(80)
    expect(out.violations).toEqual([])
    expect(out.hit1).toBeGreaterThanOrEqual(FLOOR.hit1)
    expect(out.hit3).toBeGreaterThanOrEqual(FLOOR.hit3)
    expect(out.hit3).toBeGreaterThanOrEqual(out.hit1)
  })

  it('suggests no repeat, nothing over budget or too slow; an empty acceptable list expects no suggestion', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dazzle-eval-'))
    const file = path.join(dir, 'set.json')
    writeFileSync(
      file,
      JSON.stringify({
        catalogue: [
          { id: 'wine', title: 'Bottle of Pinot Noir', cost: 40, leadTimeHours: 4, tags: ['wine'] },
          { id: 'case', title: 'Case of Burgundy', cost: 400, leadTimeHours: 4, tags: ['wine'] },
          { id: 'tour', title: 'Vineyard tour', cost: 60, leadTimeHours: 72, tags: ['wine'] },
        ],
        scenarios: [
          {
            id: 'repeat',
            secrets: [{ category: 'bias', text: 'Only drinks Pinot Noir' }],
            oops: 'late delivery',
            budget: 100,
            hoursLeft: 20,
            alreadyGiven: ['wine'],
            acceptable: [],
          },
        ],
      }),
    )
    const out = JSON.parse((await dazzle(['eval', 'surprises', file])).stdout)
    // nothing within the limits: no suggestion, which is what an empty acceptable list expects
    expect(out).toEqual({ scenarios: 1, hit1: 1, hit3: 1, violations: [] })
  })

  it('says what is wrong with a file that is not an evaluation set', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dazzle-eval-'))
    const file = path.join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ catalogue: [], scenarios: 'none' }))
    const r = await dazzle(['eval', 'surprises', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('is not an evaluation set')
  })
})
