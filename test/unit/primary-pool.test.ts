import { describe, expect, it } from 'vitest'
import { lostPrimary, splitHosts } from '../../src/db/primary-pool.ts'

describe('a DATABASE_URL with several hosts', () => {
  it('becomes one URL per host, keeping user, database and parameters', () => {
    expect(splitHosts('postgres://app:pw@db1:5432,db2:6432/dazzle?sslmode=disable')).toEqual([
      'postgres://app:pw@db1:5432/dazzle?sslmode=disable',
      'postgres://app:pw@db2:6432/dazzle?sslmode=disable',
    ])
  })
  it('stays as it is with one host', () => {
    expect(splitHosts('postgres://app@db1:5432/dazzle')).toEqual(['postgres://app@db1:5432/dazzle'])
  })
})

describe('errors after which the write target is looked for again', () => {
  it('are a standby refusing a write, a lost connection and a server shutting down', () => {
    expect(lostPrimary({ code: '25006' })).toBe(true)
    expect(lostPrimary({ code: '57P01' })).toBe(true)
    expect(lostPrimary({ code: '08006' })).toBe(true)
    expect(lostPrimary({ code: 'ECONNREFUSED' })).toBe(true)
    expect(lostPrimary(new Error('Connection terminated unexpectedly'))).toBe(true)
  })
  it('are not what the client sent', () => {
    expect(lostPrimary({ code: '23505' })).toBe(false)
    expect(lostPrimary({ code: '22001' })).toBe(false)
    expect(lostPrimary(new Error('boom'))).toBe(false)
    expect(lostPrimary(null)).toBe(false)
  })
})
