import path from 'node:path'

export interface AppConfig {
  port: number
  host: string
  /** the public address people open; links in emails point here */
  baseUrl: string
  dataDir: string
  databaseUrl: string | undefined
  /** a direct address for LISTEN when DATABASE_URL goes through a pooler in transaction mode */
  databaseListenUrl: string | undefined
  /** a streaming replica for reads that may be a moment old (search, lists, scoreboard, audit trail) */
  databaseReplicaUrl: string | undefined
  /** how old the replica's data may be before reads go back to the primary */
  replicaMaxLagMs: number
  smtpUrl: string | undefined
  mailFrom: string
  authSecret: string | undefined
  logLevel: string
  demo: boolean
  /** wrong passwords a minute for one address and account (the other sign-in limits: decision 013) */
  signInPerMinute: number
  /** wrong passwords for one account, from anywhere, within `signInLockMinutes`, before it is paused */
  signInLockAfter: number
  signInLockMinutes: number
  /** how often the stored-job loop looks for due reminders and deliveries; 0 = no loop in this process */
  jobPollMs: number
  version: string
}

/** Reads the environment once, at the edge. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    baseUrl: (env.DAZZLE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir: path.resolve(env.DAZZLE_DATA_DIR || '.dazzle'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseListenUrl: env.DATABASE_LISTEN_URL || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    replicaMaxLagMs: Math.max(0, Number(env.DAZZLE_REPLICA_MAX_LAG_MS ?? 5_000) || 0),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Dazzle <no-reply@dazzle.local>',
    authSecret: env.DAZZLE_AUTH_SECRET || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    demo: env.DAZZLE_DEMO !== '0',
    signInPerMinute: Number(env.DAZZLE_SIGN_IN_PER_MINUTE ?? 10),
    signInLockAfter: Number(env.DAZZLE_SIGN_IN_LOCK_AFTER ?? 10),
    signInLockMinutes: Number(env.DAZZLE_SIGN_IN_LOCK_MINUTES ?? 15),
    jobPollMs: Math.max(0, Number(env.DAZZLE_JOB_POLL_MS ?? 1_000) || 0),
    version: '0.1.0',
  }
}
