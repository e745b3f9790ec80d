import { createTheme, localStorageColorSchemeManager } from '@mantine/core'

/** Where the light/dark choice is remembered; index.html reads the same key before first paint. */
export const COLOR_SCHEME_KEY = 'dazzle-color-scheme'

export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY })

export const theme = createTheme({
  primaryColor: 'violet',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily:
      'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontWeight: '700',
  },
  defaultGradient: { from: 'violet', to: 'grape', deg: 135 },
  components: {
    // no "*" after labels: it would become part of each field's accessible name ("Email *")
    TextInput: { defaultProps: { withAsterisk: false } },
    // the eye toggle's default name ("Toggle password visibility") would also answer to the label "Password"
    PasswordInput: {
      defaultProps: {
        withAsterisk: false,
        visibilityToggleButtonProps: { 'aria-label': 'Show or hide what you typed' },
      },
    },
    NativeSelect: { defaultProps: { withAsterisk: false } },
    NumberInput: { defaultProps: { withAsterisk: false } },
    Button: { defaultProps: { fw: 600 } },
    Card: { defaultProps: { withBorder: true, radius: 'lg', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'lg' } },
    // sentence-case badges: role names such as "Service / recovery owner" stay readable
    Badge: {
      styles: {
        root: { textTransform: 'none', flexShrink: 0, overflow: 'visible' },
        label: { textTransform: 'none', overflow: 'visible' },
      },
      defaultProps: { fw: 600 },
    },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 150 } },
    Modal: { defaultProps: { centered: true, radius: 'lg' } },
  },
})
