import { quotable } from '../recovery/contact-drafts.ts'

/**
 * The weekly digest of new recovery stories, emailed to the team on Monday morning. An email
 * leaves Dazzle, so it never carries the secret behind a surprise, and an anonymised story names
 * its customer only by its label: the digest links to the feed, where each reader sees what their
 * role may.
 */
export const DIGEST_JOB = 'stories.digest'
/** the hour (UTC) of Monday the digest goes out */
export const DIGEST_HOUR_UTC = 8
/** the most stories one digest lists; the rest are in the feed */
export const DIGEST_MAX = 10
const EXCERPT_MAX = 220

/** The Monday 08:00 UTC after `at` (a publish on Monday at 07:00 goes out at 08:00 the same day). */
export const nextDigestAt = (at: Date): Date => {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), DIGEST_HOUR_UTC))
  const daysToMonday = (8 - d.getUTCDay()) % 7
  d.setUTCDate(d.getUTCDate() + daysToMonday)
  if (d.getTime() <= at.getTime()) d.setUTCDate(d.getUTCDate() + 7)
  return d
}

export interface DigestStory {
  title: string
  body: string
  authorName: string | null
  /** the customer as the story's privacy choice allows */
  customerShown: string
  reactions: number
}

/** The first paragraph of a story, fit for one line of an email. */
const excerptOf = (body: string): string | null => {
  const first = body.split(/\n\s*\n/).find((p) => p.trim()) ?? ''
  return quotable(first, EXCERPT_MAX)
}

/** The digest email to one member; null when there is nothing new to tell. */
export const storyDigestEmail = (p: {
  memberName: string
  workspaceName: string
  stories: readonly DigestStory[]
  feedUrl: string
}): { subject: string; text: string } | null => {
  if (p.stories.length === 0) return null
  const n = p.stories.length
  const shown = p.stories.slice(0, DIGEST_MAX)
  const subject = n === 1 ? `A new recovery story: ${shown[0]!.title}` : `${n} new recovery stories this week`
  const items = shown.map((s, i) => {
    const by = s.authorName ? ` — told by ${s.authorName}` : ''
    const cheers =
      s.reactions > 0 ? ` (${s.reactions} ${s.reactions === 1 ? 'reaction' : 'reactions'} so far)` : ''
    const excerpt = excerptOf(s.body)
    return [`${i + 1}. ${s.title}${by}${cheers}`, ...(excerpt ? [`   ${excerpt}`] : [])].join('\n')
  })
  const more = n > shown.length ? [`…and ${n - shown.length} more in the feed.`] : []
  const text = [
    `Hi ${p.memberName.trim() || 'there'},`,
    '',
    n === 1
      ? 'One recovery story was told this week. Stories are how we learn to dazzle:'
      : `${n} recovery stories were told this week. Stories are how we learn to dazzle:`,
    '',
    items.join('\n\n'),
    ...(more.length ? ['', ...more] : []),
    '',
    `Read them, and cheer your colleagues on: ${p.feedUrl}`,
    '',
    `— Dazzle, ${p.workspaceName}`,
    'You get this because you are a member of this workspace.',
  ].join('\n')
  return { subject, text }
}
