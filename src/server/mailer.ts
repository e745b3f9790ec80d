import nodemailer, { type Transporter } from 'nodemailer'

export interface Mail {
  to: string
  subject: string
  text: string
  html?: string
  /**
   * The Message-ID header, `<id@host>`; stable for an email sent by a stored job, so a repeat after
   * a crash (jobs are at least once) is the same message to receivers and MTAs that de-duplicate.
   */
  messageId?: string
}

export interface Mailer {
  send(mail: Mail): Promise<void>
  /** true when mail really leaves the machine (SMTP configured) */
  delivers: boolean
}

/**
 * SMTP when SMTP_URL is set. Without it (a laptop trying Dazzle) mail is written to the log so a
 * newcomer can still follow an invitation or reset link.
 */
export const createMailer = (opts: {
  smtpUrl: string | undefined
  from: string
  log: (msg: string) => void
}): Mailer => {
  if (!opts.smtpUrl) {
    return {
      delivers: false,
      async send(mail) {
        opts.log(`Email (no SMTP_URL set, not sent) to ${mail.to}: ${mail.subject}\n${mail.text}`)
      },
    }
  }
  const transport: Transporter = nodemailer.createTransport(opts.smtpUrl)
  return {
    delivers: true,
    async send(mail) {
      await transport.sendMail({ from: opts.from, ...mail })
    },
  }
}

/** An outbox tests can read. */
export const memoryMailer = () => {
  const sent: Mail[] = []
  return {
    delivers: true,
    sent,
    async send(mail: Mail) {
      sent.push(mail)
    },
  }
}
