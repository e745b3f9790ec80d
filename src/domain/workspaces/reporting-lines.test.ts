import { describe, expect, it } from 'vitest'
import { lineAbove, teamBelow } from './reporting-lines.ts'

const lines = [
  { userId: 'sue', leaderUserId: 'lee' },
  { userId: 'lee', leaderUserId: 'tia' },
  { userId: 'lou', leaderUserId: 'tia' },
  { userId: 'max', leaderUserId: 'lou' },
]

describe('reporting lines', () => {
  it('walks up from a member to the top, nearest leader first', () => {
    expect(lineAbove(lines, 'sue')).toEqual(['lee', 'tia'])
    expect(lineAbove(lines, 'tia')).toEqual([])
  })

  it('stops at a repeat instead of looping over a damaged line', () => {
    const loop = [...lines, { userId: 'tia', leaderUserId: 'sue' }]
    expect(lineAbove(loop, 'sue')).toEqual(['lee', 'tia'])
    expect(teamBelow(loop, 'tia').map((m) => m.userId)).toEqual(['lee', 'lou', 'sue', 'max'])
  })

  it('gathers a leader’s team level by level, with whom each reports to', () => {
    expect(teamBelow(lines, 'tia')).toEqual([
      { userId: 'lee', leaderUserId: 'tia', depth: 1 },
      { userId: 'lou', leaderUserId: 'tia', depth: 1 },
      { userId: 'sue', leaderUserId: 'lee', depth: 2 },
      { userId: 'max', leaderUserId: 'lou', depth: 2 },
    ])
    expect(teamBelow(lines, 'sue')).toEqual([])
  })
})
