import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/charts/styles.css'
import './app/global.css'
// before any module builds a zod schema: no eval (CSP), limits said in our words
import './ui/zod-setup.ts'
import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router'
import { queryClient } from './app/query.ts'
import { router } from './app/router.tsx'
import { colorSchemeManager, cssVariablesResolver, theme } from './app/theme.ts'

// Pages are chunks fetched on first use; after a release the old ones are gone, so a tab opened
// before it reloads (once) to fetch the new index.html instead of failing on a page it never opened.
window.addEventListener('vite:preloadError', (event) => {
  const key = 'dazzle-reloaded-for-release'
  if (Date.now() - Number(sessionStorage.getItem(key) ?? 0) < 10_000) return
  sessionStorage.setItem(key, String(Date.now()))
  event.preventDefault()
  window.location.reload()
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
)
