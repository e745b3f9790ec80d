import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const OUT_DIR = path.resolve(import.meta.dirname, 'dist/web')

/**
 * Writes a .br and a .gz beside every text file of the build, once, at the highest levels, so the
 * server sends them as they are (@fastify/static `preCompressed`) instead of compressing per request.
 */
const precompress = (): Plugin => ({
  name: 'dazzle-precompress',
  apply: 'build',
  async closeBundle() {
    const files = (await readdir(OUT_DIR, { recursive: true })).filter((f) =>
      /\.(js|css|html|svg|json)$/.test(f),
    )
    await Promise.all(
      files.map(async (f) => {
        const file = path.join(OUT_DIR, f)
        const data = await readFile(file)
        await writeFile(
          `${file}.br`,
          await promisify(brotliCompress)(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
        )
        await writeFile(`${file}.gz`, await promisify(gzip)(data, { level: 9 }))
      }),
    )
  },
})

// The web UI lives in src/web and is served by the API process from dist/web.
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    // which files each page loads: scripts/bundle-size.mjs reads it (not served: dot folder)
    manifest: true,
    rolldownOptions: {
      output: {
        // Pages are split by route (app/router.tsx); the libraries every page needs go in chunks
        // of their own, whose names (hashes) survive a release that changes only our code.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
              priority: 4,
            },
            // one file for the icons instead of one tiny chunk each
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]icons-react[\\/]/, priority: 3 },
            // what the first page loads of the rest (Mantine core and hooks); the charts stay with their pages
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3999',
    },
  },
})
