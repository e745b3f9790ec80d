import { describe, expect, it } from 'vitest'
import { secretsManual } from '../domain/secrets/secrets-manual.ts'
import { allCategories } from '../domain/secrets/taxonomy.ts'
import { manualPdf, toWinAnsi } from './manual-pdf.ts'

describe('the secrets manual as a PDF', () => {
  it('keeps what the built-in font can draw and replaces the rest', () => {
    expect(toWinAnsi('Café “Zoë” – 5 €')).toBe('Café “Zoë” – 5 €')
    expect(toWinAnsi('Łódź')).toBe('Lódz')
    expect(toWinAnsi('茶\nnew line')).toBe('? new line')
  })

  it('draws a PDF document from the manual', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    const m = secretsManual({
      customer: {
        id: 'c',
        name: 'Harbour Wines',
        kind: 'organisation',
        segment: null,
        country: null,
        ownerName: null,
        currency: 'GBP',
        tier: null,
        rank: null,
        lifetimeRevenue: 0,
        trailing12mRevenue: 0,
        orderCount: 0,
        firstPurchaseAt: null,
        lastPurchaseAt: null,
        walletShare: null,
        consentAt: null,
      },
      categories: allCategories([]),
      secrets: [],
      people: [],
      family: [],
      engagements: [],
      members: [],
      topProducts: [],
      now,
    })
    const pdf = await manualPdf(m)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF')
  })
})
