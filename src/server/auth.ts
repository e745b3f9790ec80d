import { randomUUID } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { betterAuth } from 'better-auth'
import type { Kysely } from 'kysely'
import type { Mailer } from './mailer.ts'

const ts = { createdAt: 'created_at', updatedAt: 'updated_at' }

export interface AuthOptions {
  raw: Kysely<any>
  baseUrl: string
  secret: string
  mailer: Mailer
  signInPerMinute: number
  onSignIn: (s: { userId: string; ipAddress?: string | null; userAgent?: string | null }) => Promise<void>
}

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes), computed natively off the event loop:
 * the library's default (scrypt in JavaScript) blocked the whole server for ~300 ms per sign-in.
 */
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 }
export const passwordHasher = {
  hash: (password: string) => hash(password, ARGON2),
  verify: ({ hash: h, password }: { hash: string; password: string }) => verify(h, password),
}

/** The header the server sets to the socket's address before handing a request to the auth library. */
export const CLIENT_IP_HEADER = 'x-dazzle-client-ip'

/**
 * better-auth owns identity: accounts, password checks, sessions in httpOnly cookies,
 * password reset, rate limits and origin checks. Its tables are mapped to our snake_case names.
 */
export const createAuth = (o: AuthOptions) =>
  betterAuth({
    appName: 'Dazzle',
    baseURL: o.baseUrl,
    basePath: '/api/auth',
    secret: o.secret,
    database: { db: o.raw, type: 'postgres' },
    trustedOrigins: [o.baseUrl],
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 3600,
      password: passwordHasher,
      sendResetPassword: async ({ user, url }) => {
        await o.mailer.send({
          to: user.email,
          subject: 'Reset your Dazzle password',
          text: `Hello ${user.name},\n\nSomeone (we hope you) asked to reset your Dazzle password. Open this link within an hour to choose a new one:\n\n${url}\n\nIf it wasn't you, ignore this email: your password stays as it is.\n`,
        })
      },
    },
    user: { modelName: 'auth_user', fields: { emailVerified: 'email_verified', ...ts } },
    session: {
      modelName: 'auth_session',
      fields: {
        userId: 'user_id',
        expiresAt: 'expires_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        ...ts,
      },
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    account: {
      modelName: 'auth_account',
      fields: {
        userId: 'user_id',
        accountId: 'account_id',
        providerId: 'provider_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        ...ts,
      },
    },
    verification: { modelName: 'auth_verification', fields: { expiresAt: 'expires_at', ...ts } },
    rateLimit: {
      enabled: true,
      // in the database so that several app instances share one count
      storage: 'database',
      modelName: 'auth_rate_limit',
      fields: { lastRequest: 'last_request' },
      window: 60,
      max: 300,
      customRules: {
        // a flood guard only: wrong passwords are counted by account and address (sign-in-guard.ts),
        // so one noisy address no longer refuses every colleague behind it a correct password
        '/sign-in/email': { window: 60, max: Math.max(60, o.signInPerMinute * 6) },
        '/sign-up/email': { window: 60, max: 20 },
        '/request-password-reset': { window: 300, max: 5 },
      },
    },
    advanced: {
      cookiePrefix: 'dazzle',
      useSecureCookies: o.baseUrl.startsWith('https://'),
      database: { generateId: () => randomUUID() },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            await o.onSignIn({
              userId: session.userId,
              ipAddress: session.ipAddress,
              userAgent: session.userAgent,
            })
          },
        },
      },
    },
  })

export type Auth = ReturnType<typeof createAuth>
