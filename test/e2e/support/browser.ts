import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

const ROOT = path.resolve(import.meta.dirname, '../../..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const violations = new WeakMap<Browser, string[]>()

/**
 * What the Content-Security-Policy refused on the pages of this browser so far (each page's
 * `securitypolicyviolation` events and Chromium's console reports), as "page: what"; tests expect none.
 */
export const cspViolations = (browser: Browser): string[] => violations.get(browser) ?? []

/**
 * Debian's Chromium, headless. A missing browser fails the run (CI installs it), never skips it.
 * Every context it opens (newPage too) reports CSP violations to `cspViolations`.
 */
export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` (CI's .ci/run does).`,
    )
  }
  const browser = await launch()
  const seen: string[] = []
  violations.set(browser, seen)
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI || 'inline'} ${e.sample}`),
      )
    })
    context.on('console', (m) => {
      if (/CSP violation|Content Security Policy/i.test(m.text()))
        seen.push(`${m.page()?.url()}: ${m.text()}`)
    })
    return context
  }
  return browser
}

const launch = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

/** `dazzle serve` exactly as `npm start` runs it (building the UI if stale), on a fresh data folder and a free port. */
export const startDazzle = async (): Promise<{
  url: string
  stop(): Promise<void>
  output: () => string
}> => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dazzle-e2e-'))
  const proc: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/dazzle.mjs'), 'serve', '--build-if-stale'],
    {
      env: {
        ...process.env,
        DAZZLE_DATA_DIR: dataDir,
        PORT: '0',
        DATABASE_URL: '',
        DAZZLE_DEMO: '1',
        LOG_LEVEL: 'warn',
      },
      cwd: ROOT,
    },
  )
  let out = ''
  proc.stdout?.on('data', (d) => {
    out += d
  })
  proc.stderr?.on('data', (d) => {
    out += d
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running on (http:\/\/localhost:\d+)/.exec(out)
      if (m?.[1]) {
        clearInterval(timer)
        resolve(m[1])
      }
    }, 100)
    proc.once('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`dazzle serve exited with ${code}: ${out}`))
    })
  })
  return {
    url,
    output: () => out,
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)))
    },
  }
}

/** Signs in through the real form. */
export const login = async (page: Page, base: string, email: string, password: string) => {
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/w\//)
}

/** A request to the demo workspace's API from the signed-in page (its cookie), with the answer's status. */
export const demoApi = <T = unknown>(page: Page, path: string, init?: { method: string; body: unknown }) =>
  page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(`/api${path}`, {
        method: init?.method ?? 'GET',
        headers: { 'x-dazzle-workspace': 'demo', ...(init ? { 'content-type': 'application/json' } : {}) },
        body: init ? JSON.stringify(init.body) : null,
      })
      return { status: res.status, body: await res.json() }
    },
    { path, init },
  ) as Promise<{ status: number; body: T }>

/** What the demo workspace's API answers a read from the signed-in page. */
export const demoJson = async <T>(page: Page, path: string): Promise<T> => (await demoApi<T>(page, path)).body
