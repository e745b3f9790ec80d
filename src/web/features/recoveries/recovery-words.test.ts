import { describe, expect, it } from 'vitest'
import { feedbackDeliveryWords } from './recovery-words.ts'

const o = (
  feedback: Parameters<typeof feedbackDeliveryWords>[0]['feedback'],
  personName: string | null = null,
) => ({
  personName,
  customer: { name: 'Harbour Wines' },
  feedback,
})

describe('how the feedback link went out, in words', () => {
  it('names the address it was emailed to', () => {
    expect(feedbackDeliveryWords(o({ delivery: 'emailed', sentTo: 'grace@harbour.test' }))?.title).toBe(
      'Emailed to grace@harbour.test',
    )
  })

  it('never says sent when it was only made to copy', () => {
    const w = feedbackDeliveryWords(o({ delivery: 'link_only', sentTo: null }, 'Grace Lee'))!
    expect(w.tone).toBe('link_only')
    expect(`${w.title} ${w.hint}`).not.toMatch(/\bsent (to|just)|emailed to/i)
    expect(w.hint).toContain('no email address for Grace Lee')
    expect(feedbackDeliveryWords(o({ delivery: 'link_only', sentTo: null }))!.hint).toContain('Harbour Wines')
  })

  it('says a failed email failed, and claims nothing for a link made before delivery was kept', () => {
    expect(feedbackDeliveryWords(o({ delivery: 'email_failed', sentTo: 'grace@harbour.test' }))?.title).toBe(
      'The email to grace@harbour.test could not be sent',
    )
    expect(feedbackDeliveryWords(o({ delivery: null, sentTo: null }))).toEqual({
      tone: 'made',
      title: 'Link made',
      hint: null,
    })
    expect(feedbackDeliveryWords(o(null))).toBeNull()
  })
})
