import { describe, expect, it } from 'vitest'
import { judgeSignIn, DEFAULT_SIGN_IN_LIMITS as L, locksAccountNow } from './sign-in-guard.ts'

const clean = { pairLastMinute: 0, account: 0, address: 0, knownAddress: false }

describe('judgeSignIn', () => {
  it('lets a first attempt through', () => {
    expect(judgeSignIn(clean, L)).toEqual({ allowed: true })
  })

  it('holds up one address and one account after its wrong passwords of the minute', () => {
    expect(judgeSignIn({ ...clean, pairLastMinute: L.perMinute - 1 }, L).allowed).toBe(true)
    const v = judgeSignIn({ ...clean, pairLastMinute: L.perMinute, knownAddress: true }, L)
    expect(v).toMatchObject({ allowed: false, reason: 'pair', retryAfterSeconds: 60 })
  })

  it('locks an account guessed at from many addresses, but not for an address its owner used before', () => {
    const many = { ...clean, account: L.accountLockAfter }
    expect(judgeSignIn(many, L)).toMatchObject({ allowed: false, reason: 'account' })
    expect(judgeSignIn({ ...many, knownAddress: true }, L)).toEqual({ allowed: true })
  })

  it('stops an address spraying many accounts from trying ones it never signed in to', () => {
    const noisy = { ...clean, address: L.addressLockAfter }
    expect(judgeSignIn(noisy, L)).toMatchObject({ allowed: false, reason: 'address' })
    expect(judgeSignIn({ ...noisy, knownAddress: true }, L)).toEqual({ allowed: true })
  })

  it('says how long the pause lasts and that the owner was told', () => {
    const v = judgeSignIn({ ...clean, account: L.accountLockAfter }, L)
    expect(!v.allowed && v.message).toMatch(/paused for 15 minutes.*told by email/)
  })

  it('tells the owner once: on the wrong password that reaches the limit', () => {
    expect(locksAccountNow(L.accountLockAfter - 2, L)).toBe(false)
    expect(locksAccountNow(L.accountLockAfter - 1, L)).toBe(true)
    expect(locksAccountNow(L.accountLockAfter, L)).toBe(false)
  })
})
