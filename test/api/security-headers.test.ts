import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { installErrorHandling } from '../../src/server/errors.ts'
import { buildTestApp, openTestDatabase, type TestApp } from '../support/test-app.ts'

/** the Content-Security-Policy header as directive → sources */
const directives = (header: unknown) =>
  Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  )

describe('security headers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(() => t.close())

  it('sends a strict Content-Security-Policy on every response, errors included', async () => {
    for (const url of ['/api/health', '/api/no-such-route', '/api/docs', '/api/openapi.json']) {
      const res = await t.app.inject({ url })
      const csp = directives(res.headers['content-security-policy'])
      expect(csp['default-src'], url).toEqual(["'self'"])
      // scripts from our own origin only: nothing inline, nothing eval'd
      expect(csp['script-src'], url).toEqual(["'self'"])
      expect(csp['style-src'], url).toEqual(["'self'"])
      expect(csp['object-src'], url).toEqual(["'none'"])
      expect(csp['base-uri'], url).toEqual(["'self'"])
      expect(csp['form-action'], url).toEqual(["'self'"])
      expect(csp['frame-ancestors'], url).toEqual(["'none'"])
      expect(res.headers['x-frame-options'], url).toBe('DENY')
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
    }
  })

  it('sends no HSTS when Dazzle is reached over plain http', async () => {
    const res = await t.app.inject({ url: '/api/health' })
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })

  it('sends HSTS when its address is https', async () => {
    const database = await openTestDatabase()
    const { app } = await buildApp({
      config: {
        ...loadConfig({ DAZZLE_URL: 'https://dazzle.example.com' }),
        logLevel: 'silent',
        jobPollMs: 0,
      },
      database,
      logger: false,
      jobs: false,
    })
    try {
      const res = await app.inject({ url: '/api/health' })
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    } finally {
      await app.close()
      await database.close()
    }
    // it opens and migrates a database of its own, which takes a while on a busy machine
  }, 120_000)
})

describe('the web pages', () => {
  // the built UI is not there in every test run: the same fallback, over a folder of our own
  const root = mkdtempSync(path.join(os.tmpdir(), 'dazzle-spa-'))
  const app = Fastify()
  beforeAll(async () => {
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Dazzle</title>')
    installErrorHandling(app, { spa: true })
    await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('answers HEAD on a page route as GET does, without the body', async () => {
    const get = await app.inject({ method: 'GET', url: '/sign-in' })
    expect(get.statusCode).toBe(200)
    expect(get.body).toContain('<title>Dazzle</title>')
    const head = await app.inject({ method: 'HEAD', url: '/sign-in' })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-type']).toMatch(/^text\/html/)
    expect(head.body).toBe('')
  })

  it('still answers 404 for HEAD on an API route that does not exist', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/api/no-such-route' })
    expect(head.statusCode).toBe(404)
  })
})
