import { createHash, randomBytes } from 'node:crypto'
import type { TokenMint } from '../domain/workspaces/ports.ts'

/** 256 random bits; only the SHA-256 is stored, so a database leak does not leak usable tokens. */
export const tokenMint: TokenMint = {
  newToken(prefix) {
    const token = `${prefix}_${randomBytes(32).toString('base64url')}`
    return { token, hash: sha256(token), display: `${token.slice(0, prefix.length + 5)}…` }
  },
  hash: (token) => sha256(token),
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
