import type { FastifyReply } from 'fastify'

// what a quoted filename may hold as it is: printable ASCII but the quote and the backslash
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/

/** `attachment` under this name; a name beyond plain ASCII is also given exactly (RFC 6266). */
export const attachment = (name: string) => {
  if (PLAIN.test(name)) return `attachment; filename="${name}"`
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * A file to keep (a CSV for payroll, a PDF, an export, an import's errors), downloaded under its
 * name and never cached: every one of them is a workspace's data.
 */
export const sendFile = (
  reply: FastifyReply,
  file: { name: string; type?: string | undefined; body: unknown },
) => {
  if (file.type) reply.type(file.type)
  return reply
    .header('content-disposition', attachment(file.name))
    .header('cache-control', 'no-store')
    .send(file.body)
}
