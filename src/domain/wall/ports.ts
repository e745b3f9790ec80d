import type { AwardsPort } from '../awards/ports.ts'
import type { Clock } from '../clock.ts'
import type { ScoreboardPort } from '../recovery/read-scoreboard.ts'
import type { ClockInput } from '../recovery/recovery-clock.ts'
import type { StoriesPort } from '../stories/ports.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { WallLink } from './wall-link.ts'

export interface NewWallLink {
  name: string
  tokenHash: string
  prefix: string
  demo: boolean
  createdBy: string
  expiresAt: Date | null
}

/** The wall links and the wall's setting of one workspace. */
export interface WallLinksPort {
  insert(l: NewWallLink): Promise<WallLink>
  /** newest first */
  list(): Promise<WallLink[]>
  get(id: string): Promise<WallLink | undefined>
  revoke(id: string, at: Date): Promise<void>
  /** whether the wall may show secret text (default: no) */
  settings(): Promise<{ showSecrets: boolean }>
  changeSettings(s: { showSecrets: boolean }): Promise<void>
  /** when the link was last looked at (written at most once a minute) */
  seen(id: string, at: Date): Promise<void>
}

/** Makes tokens; only hashes are stored. */
export interface WallMint {
  newToken(): { token: string; hash: string; display: string }
  hash(token: string): string
  /** the demo's token of a workspace, derived from the instance secret (decision 019) */
  demoToken(workspaceId: string): string
}

export interface WallManageDeps {
  links: WallLinksPort
  mint: WallMint
  audit: AuditLog
  clock: Clock
}

/** What the wall reads: the scoreboard's figures, the open recoveries' clocks, stories and awards. */
export interface WallReadDeps {
  links: Pick<WallLinksPort, 'settings' | 'seen'>
  scoreboard: ScoreboardPort
  openClocks(): Promise<ClockInput[]>
  stories: Pick<StoriesPort, 'feed'>
  awards: Pick<AwardsPort, 'awards'>
  audit: AuditLog
  clock: Clock
}
