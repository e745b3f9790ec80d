/**
 * How hard password guessing is made (ASVS 2.2.1), counted over wrong passwords only, never over
 * sign-ins that succeed:
 *
 * - one address and one account: `perMinute` wrong passwords a minute, then that pair waits;
 *   colleagues behind the same office address are not held up by one person's typos;
 * - one account, from anywhere: `accountLockAfter` wrong passwords within `lockMinutes` lock it for
 *   the rest of that window (many addresses guessing one password), with an email to its owner;
 *   an address the owner has signed in from before is not locked out, so a stranger cannot lock
 *   the owner out of their own account;
 * - one address, over every account: `addressLockAfter` wrong passwords within `lockMinutes` stop
 *   it trying accounts it has never signed in to (one address spraying many accounts).
 */
export interface SignInLimits {
  perMinute: number
  accountLockAfter: number
  addressLockAfter: number
  lockMinutes: number
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perMinute: 10,
  accountLockAfter: 10,
  addressLockAfter: 50,
  lockMinutes: 15,
}

/** Wrong passwords counted for one attempt, and what is known of the address. */
export interface SignInHistory {
  /** from this address for this account, in the last minute */
  pairLastMinute: number
  /** for this account from any address, in the last `lockMinutes` */
  account: number
  /** from this address for any account, in the last `lockMinutes` */
  address: number
  /** the account has signed in from this address before */
  knownAddress: boolean
}

export type SignInVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'pair' | 'account' | 'address'; retryAfterSeconds: number; message: string }

export const judgeSignIn = (h: SignInHistory, limits: SignInLimits): SignInVerdict => {
  const window = limits.lockMinutes * 60
  if (h.pairLastMinute >= limits.perMinute) {
    return {
      allowed: false,
      reason: 'pair',
      retryAfterSeconds: 60,
      message: 'Too many wrong passwords: wait a minute, then try again, or reset your password.',
    }
  }
  if (!h.knownAddress && h.account >= limits.accountLockAfter) {
    return {
      allowed: false,
      reason: 'account',
      retryAfterSeconds: window,
      message: `Sign-in to this account from here is paused for ${limits.lockMinutes} minutes after many wrong passwords; its owner has been told by email. Try again later, or from a place you have signed in from before.`,
    }
  }
  if (!h.knownAddress && h.address >= limits.addressLockAfter) {
    return {
      allowed: false,
      reason: 'address',
      retryAfterSeconds: window,
      message: `Too many wrong passwords from this address: try again in ${limits.lockMinutes} minutes.`,
    }
  }
  return { allowed: true }
}

/** The wrong password that reaches the account's limit locks it: its owner hears of it once. */
export const locksAccountNow = (accountBefore: number, limits: SignInLimits) =>
  accountBefore + 1 === limits.accountLockAfter

/** The email that tells an account's owner its sign-in was paused, in the words they read. */
export const signInPausedEmail = (m: {
  to: string
  name: string
  fromAddress: string
  limits: SignInLimits
  resetUrl: string
}) => ({
  to: m.to,
  subject: 'Sign-in to your Dazzle account is paused for a while',
  text: `Hello ${m.name},\n\nSomeone typed a wrong password for your Dazzle account ${m.limits.accountLockAfter} times in ${m.limits.lockMinutes} minutes (the last from ${m.fromAddress}). To keep it safe, sign-in from new places is paused for ${m.limits.lockMinutes} minutes; where you have signed in before, it still works.\n\nIf this was you, wait a little, or sign in from where you usually do. If it was not, choose a new password now: ${m.resetUrl}\n`,
})
