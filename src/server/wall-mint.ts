import { createHmac } from 'node:crypto'
import type { WallMint } from '../domain/wall/ports.ts'
import { WALL_TOKEN_PREFIX } from '../domain/wall/wall-link.ts'
import { tokenMint } from './token-mint.ts'

/**
 * Wall tokens are API-token-strength (256 random bits, only the SHA-256 stored). The demo's link is
 * the one exception (decision 019): its token is an HMAC of the workspace id under the instance's
 * signing secret, so it can be derived again for the demo admin without storing it.
 */
export const wallMint = (secret: string): WallMint => ({
  newToken: () => tokenMint.newToken(WALL_TOKEN_PREFIX),
  hash: (token) => tokenMint.hash(token),
  demoToken: (workspaceId) =>
    `${WALL_TOKEN_PREFIX}_${createHmac('sha256', secret).update(`dazzle demo wall\n${workspaceId}`).digest('base64url')}`,
})
