import PDFDocument from 'pdfkit'
import type { StatementView } from '../../domain/accountability/read-statements.ts'

const money = (n: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(n)

/**
 * One person's statement as a PDF for payroll and for them: each component's target, actual,
 * attainment and payout, the adjustments, the total, and the figures behind secret gathering.
 */
export const statementPdf = (v: StatementView, workspaceName: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `Bonus statement — ${v.statement.name}`, Author: 'Dazzle' },
    })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    const s = v.statement
    const cur = v.plan.currency
    doc.fontSize(18).text(`Bonus statement — ${s.name}`)
    doc.moveDown(0.3).fontSize(11).fillColor('#444')
    doc.text(
      `${workspaceName} · ${v.plan.name} · ${v.plan.periodLabel} (${s.period.start} to the day before ${s.period.end})`,
    )
    doc.text(
      v.frozen
        ? `Frozen when the period was closed · figures as of ${s.asOf.slice(0, 10)}`
        : `Accruing — figures as of ${s.asOf.slice(0, 16).replace('T', ' ')} UTC`,
    )
    doc.text(`Target bonus ${money(s.targetBonus, cur)}`)
    doc.moveDown().fillColor('#000').fontSize(12)
    doc.table({
      columnStyles: [150, 45, 75, 75, 60, 50, 70],
      data: [
        ['Component', 'Weight', 'Target', 'Actual', 'Attainment', 'Payout %', 'Payout'],
        ...s.components.map((c) => [
          c.note ? `${c.label}\n${c.note}` : c.label,
          `${c.weight} %`,
          c.kind === 'revenue' ? money(c.target, cur) : String(c.target),
          c.actual === null ? '—' : c.kind === 'revenue' ? money(c.actual, cur) : String(c.actual),
          `${c.attainment} %`,
          `${c.payoutPercent} %`,
          money(c.payout, cur),
        ]),
        ...v.adjustments.map((a) => [`Adjustment: ${a.reason}`, '', '', '', '', '', money(a.amount, cur)]),
        ['Total', '', '', '', '', '', money(v.total, cur)],
      ],
    })
    const e = s.details.effectiveness
    doc.moveDown().fontSize(13).text('Secret-gathering effectiveness')
    doc.fontSize(10)
    for (const l of e.lines) doc.text(`${l.label}: ${l.count} → ${l.points} points`)
    doc.text(`Total: ${e.points} points`)
    const rc = s.details.reportCard
    doc.moveDown().fontSize(13).text('Customer report card')
    doc
      .fontSize(10)
      .text(
        rc.shown
          ? `${rc.overall} / 5 from ${rc.answers} customers`
          : `${rc.answers} answered; a score shows from ${rc.minAnswers}`,
      )
    for (const b of rc.perBehaviour)
      doc.text(`${b.label}: ${b.mean ?? '—'} (${b.ratings} ratings, ${b.cantSay} can't say)`)
    doc.end()
  })
