import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { STALE_AFTER_DAYS } from '../domain/secrets/coverage.ts'
import {
  type ManualFormat,
  plainFormat,
  RELATION_LABELS,
  type SecretsManual,
} from '../domain/secrets/secrets-manual.ts'
import { CERTAINTY_LABELS } from '../domain/secrets/taxonomy.ts'

/**
 * A Unicode font when the machine has one (Debian's fonts-dejavu-core comes with Chromium), so names
 * in any script print; otherwise PDF's built-in Helvetica, which only knows Windows-1252.
 */
const UNICODE_FONTS = {
  regular: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  bold: ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
}
const fontFile = (kind: 'regular' | 'bold') => UNICODE_FONTS[kind].find((f) => existsSync(f))

/** Characters Helvetica can draw: Latin-1 plus the few Windows-1252 extras; accents kept where possible. */
const WIN_1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
/** letters Unicode does not decompose into a base letter and a mark */
const STROKED: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
}
export const toWinAnsi = (text: string): string =>
  Array.from(text.normalize('NFC'))
    .map((ch) => {
      if (ch === '\n' || ch === '\t') return ' '
      const code = ch.codePointAt(0) ?? 63
      if ((code >= 32 && code < 127) || (code >= 160 && code <= 255) || WIN_1252_EXTRA.has(ch)) return ch
      const plain = (STROKED[ch] ?? ch).normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      return /^[\x20-\x7e]+$/.test(plain) ? plain : '?'
    })
    .join('')

const VIOLET = '#6741d9'
const DIMMED = '#666666'

/** The secrets manual drawn as a PDF (A4): text only, every recorded word drawn as text, never interpreted. */
export const manualPdf = (m: SecretsManual, fmt: ManualFormat = plainFormat(m.customer.currency)) =>
  new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 56, right: 56 },
      info: { Title: `Secrets manual: ${m.customer.name}`, Author: 'Dazzle', Subject: 'Confidential' },
      bufferPages: true,
    })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)

    const regular = fontFile('regular')
    const bold = fontFile('bold')
    const unicode = !!(regular && bold)
    if (unicode) {
      doc.registerFont('body', regular)
      doc.registerFont('strong', bold)
    } else {
      doc.registerFont('body', 'Helvetica')
      doc.registerFont('strong', 'Helvetica-Bold')
    }
    // a character the font has no glyph for (CJK in DejaVu Sans) prints as "?", not as an empty box
    // that throws the line out; pdfkit's font object exposes fontkit's glyph check
    doc.font('body')
    const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })
      ._font?.font
    const drawable = (ch: string) =>
      !face?.hasGlyphForCodePoint || face.hasGlyphForCodePoint(ch.codePointAt(0) ?? 63)
    const t = (s: string) =>
      unicode
        ? Array.from(s.replace(/[\n\r\t]+/g, ' '))
            .map((ch) => (drawable(ch) ? ch : '?'))
            .join('')
        : toWinAnsi(s)

    const heading = (text: string) => {
      if (doc.y > doc.page.height - 140) doc.addPage()
      doc.moveDown(0.8).font('strong').fontSize(14).fillColor(VIOLET).text(t(text)).moveDown(0.3)
      doc.font('body').fontSize(10).fillColor('black')
    }
    const para = (text: string, color = 'black') =>
      doc.font('body').fontSize(10).fillColor(color).text(t(text))
    const bullet = (label: string | null, text: string, meta?: string) => {
      doc.font('body').fontSize(10).fillColor('black')
      doc.text('•  ', { continued: true })
      if (label)
        doc
          .font('strong')
          .text(`${t(label)}: `, { continued: true })
          .font('body')
      doc.text(t(text))
      if (meta)
        doc
          .fillColor(DIMMED)
          .fontSize(8.5)
          .text(t(meta), doc.page.margins.left + 11)
      doc.x = doc.page.margins.left
      doc.fillColor('black').fontSize(10).moveDown(0.2)
    }

    const c = m.customer
    doc
      .font('strong')
      .fontSize(22)
      .fillColor('black')
      .text(t(`Secrets manual: ${c.name}`))
    const facts = [
      c.kind === 'person' ? 'Person' : 'Organisation',
      c.tier ? `Tier ${c.tier}` : null,
      c.rank !== null ? `rank #${c.rank}` : null,
      c.segment ? `segment ${c.segment}` : null,
      c.country,
      c.ownerName ? `owner ${c.ownerName}` : null,
    ].filter(Boolean)
    doc.moveDown(0.3)
    para(facts.join(' · '), DIMMED)
    para(`Generated ${fmt.date(m.generatedAt)} by Dazzle. Confidential: personal data.`, DIMMED)

    heading('Coverage')
    para(
      `${m.activeCount} active ${m.activeCount === 1 ? 'secret' : 'secrets'}; ${Math.round(m.coverageShare * 100)} % of categories known and fresh.`,
    )
    const list = (state: string) =>
      m.coverage
        .filter((x) => x.state === state)
        .map((x) => x.label)
        .join(', ')
    bullet('Known', list('known') || 'none yet')
    bullet(`Stale (not confirmed for ${STALE_AFTER_DAYS} days)`, list('stale') || 'none')
    bullet('Empty (ask next)', list('empty') || 'none')

    heading('Secrets by category')
    if (m.categories.length === 0) para('Nothing recorded yet.', DIMMED)
    for (const section of m.categories) {
      if (doc.y > doc.page.height - 100) doc.addPage()
      doc.moveDown(0.3).font('strong').fontSize(11).fillColor('black').text(t(section.label)).moveDown(0.15)
      for (const s of section.secrets) {
        const meta = [
          s.layer === 'need' ? 'need' : null,
          CERTAINTY_LABELS[s.certainty].toLowerCase(),
          s.recordedByName ? `by ${s.recordedByName}` : null,
          `confirmed ${fmt.date(s.lastConfirmedAt)}`,
          s.stale ? 'stale' : null,
        ]
          .filter(Boolean)
          .join(', ')
        bullet(s.personName, s.text, meta)
      }
    }

    heading('Family and key people')
    if (m.people.length === 0 && m.family.length === 0) para('No one recorded by name yet.', DIMMED)
    for (const p of m.people) {
      bullet(
        p.name,
        `${p.title ? `${p.title} — ` : ''}${p.secretCount} ${p.secretCount === 1 ? 'secret' : 'secrets'}`,
      )
    }
    for (const f of m.family) {
      const bits = [
        `${RELATION_LABELS[f.kind] ?? f.kind}${f.of ? ` of ${f.of}` : ''}`,
        f.birthday ? `born ${f.birthday}` : null,
        f.notes,
      ].filter(Boolean)
      bullet(f.name, bits.join('; '))
    }

    const p = m.purchases
    heading('Purchases')
    bullet('Lifetime revenue', fmt.money(p.lifetimeRevenue))
    bullet('Last 12 months', fmt.money(p.trailing12mRevenue))
    bullet(
      'Orders',
      `${p.orderCount}${p.averageOrder === null ? '' : `, on average ${fmt.money(p.averageOrder)}`}`,
    )
    bullet(
      'First and last purchase',
      `${p.firstPurchaseAt ? fmt.date(p.firstPurchaseAt) : '—'} to ${p.lastPurchaseAt ? fmt.date(p.lastPurchaseAt) : '—'}`,
    )
    if (p.topProducts.length > 0) {
      doc.moveDown(0.3).font('strong').fontSize(11).text('Top products').moveDown(0.15)
      for (const x of p.topProducts) {
        bullet(null, x.product, `${x.quantity} units, ${x.orders} orders, ${fmt.money(x.revenue)}`)
      }
    }

    heading('Engagements')
    if (m.engagements.length === 0) para('No engagement logged yet.', DIMMED)
    for (const g of m.engagements) {
      const who = [...g.people, ...g.colleagues].join(', ')
      bullet(
        `${fmt.date(g.occurredAt)} · ${g.channel.charAt(0).toUpperCase()}${g.channel.slice(1)}`,
        g.summary ?? '—',
        [who, g.secretCount > 0 ? `${g.secretCount} ${g.secretCount === 1 ? 'secret' : 'secrets'}` : null]
          .filter(Boolean)
          .join(' — '),
      )
    }

    heading('Who gathered what')
    if (m.gatherers.length === 0) para('No one yet.', DIMMED)
    for (const g of m.gatherers) {
      bullet(g.name, `${g.recorded} recorded, ${g.active} still active, last ${fmt.date(g.lastRecordedAt)}`)
    }

    // page numbers and a confidentiality line on every page
    const range = doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      const bottom = doc.page.margins.bottom
      doc.page.margins.bottom = 0
      doc
        .font('body')
        .fontSize(8)
        .fillColor(DIMMED)
        .text(
          t(`${c.name} — secrets manual — confidential — page ${i + 1} of ${range.count}`),
          56,
          doc.page.height - 36,
          { width: doc.page.width - 112, align: 'center', lineBreak: false },
        )
      doc.page.margins.bottom = bottom
    }
    doc.end()
  })
