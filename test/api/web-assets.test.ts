import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveWebUi } from '../../src/server/app.ts'
import { installErrorHandling } from '../../src/server/errors.ts'

/**
 * The built UI as the server sends it, over a folder laid out as the build writes it (hashed files
 * under assets/, a .br and a .gz beside each): the real build is not there in every test run.
 */
describe('the web UI files', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dazzle-web-'))
  const script = `export const hello = ${JSON.stringify('dazzle '.repeat(500))}\n`
  const html =
    '<!doctype html><title>Dazzle</title><script type="module" src="/assets/index-AbC123.js"></script>'
  const write = (file: string, text: string, compressed = true) => {
    const full = path.join(root, file)
    mkdirSync(path.dirname(full), { recursive: true })
    writeFileSync(full, text)
    if (compressed) {
      writeFileSync(`${full}.br`, brotliCompressSync(text))
      writeFileSync(`${full}.gz`, gzipSync(text))
    }
  }
  const app = Fastify()
  beforeAll(async () => {
    write('index.html', html)
    write('assets/index-AbC123.js', script)
    write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', false)
    installErrorHandling(app, { spa: true })
    await serveWebUi(app, root)
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    rmSync(root, { recursive: true, force: true })
  })

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

  it('sends a hashed script brotli-compressed, cached for a year as immutable', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script)
    expect(res.rawPayload.length).toBeLessThan(script.length / 10)
  })

  it('sends gzip to a client without brotli, and the file as it is to one that accepts neither', async () => {
    const gz = await get('/assets/index-AbC123.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script)
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable')

    const plain = await get('/assets/index-AbC123.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('revalidates index.html on every visit, at / and at any page route, compressed too', async () => {
    for (const url of ['/', '/index.html', '/sign-in', '/w/northwind/customers']) {
      const res = await get(url, 'br')
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toMatch(/^text\/html/)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.headers['content-encoding'], url).toBe('br')
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(html)
    }
    const plain = await get('/sign-in')
    expect(plain.headers['cache-control']).toBe('no-cache')
    expect(plain.body).toBe(html)
  })

  it('revalidates the unhashed files beside it, and never lists the compressed copies as pages', async () => {
    const icon = await get('/favicon.svg', 'br')
    expect(icon.statusCode).toBe(200)
    expect(icon.headers['cache-control']).toBe('no-cache')
    expect(icon.headers['content-encoding']).toBeUndefined()
    // not a route of its own: the SPA fallback answers, with the page
    const br = await get('/assets/index-AbC123.js.br')
    expect(br.headers['content-type']).toMatch(/^text\/html/)
  })
})
