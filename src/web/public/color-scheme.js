// Applies the remembered light/dark choice before first paint (same key as app/theme.ts). A file,
// not an inline script: the Content-Security-Policy runs scripts from our own origin only.
;(() => {
  let scheme = null
  try {
    scheme = localStorage.getItem('dazzle-color-scheme')
  } catch (_e) {}
  const dark = scheme === 'dark' || (scheme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light')
})()
