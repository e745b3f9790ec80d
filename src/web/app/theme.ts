import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  localStorageColorSchemeManager,
  luminance,
  type VariantColorsResolver,
} from '@mantine/core'

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
  variantColorResolver: (input) => variantColorResolver(input),
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
    // the close button is an icon: without a name a screen reader announces just "button"
    Modal: { defaultProps: { centered: true, radius: 'lg', closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // a toast's close button is an icon too; its text is gray-6 by default (3.3:1 on white)
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
    // the arrows and page numbers say where they go
    Pagination: {
      defaultProps: {
        getControlProps: (control: 'first' | 'previous' | 'next' | 'last') => ({
          'aria-label': {
            first: 'First page',
            previous: 'Previous page',
            next: 'Next page',
            last: 'Last page',
          }[control],
        }),
        getItemProps: (page: number) => ({ 'aria-label': `Page ${page}` }),
      },
    },
    // a wide table scrolls sideways: its viewport takes focus, so the arrow keys can scroll it too
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
})

/** WCAG contrast ratio of two colours (1 to 21); text needs 4.5 (AA). */
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
const AA = 4.5
const WHITE = '#ffffff'

/** darker and darker until it reads on `background` */
const darkenUntil = (color: string, background: string) => {
  let c = color
  for (let step = 0; step < 20 && contrast(c, background) < AA; step++) c = darken(c, 0.05)
  return c
}

/** the first shade from the primary one on that white text reads on, if the palette has one */
const whiteTextShade = (shades: readonly string[], from: number) => {
  for (let i = from; i < shades.length; i++) if (contrast(WHITE, shades[i]!) >= AA) return i
  return null
}

/**
 * Mantine's light-scheme colours fail WCAG AA contrast in many places as they are: dimmed text is
 * 3.3:1 on white, white on a red button 3.3:1, a light teal badge 4.3:1, a light orange one 3.6:1,
 * orange text 2.6:1. So the light scheme gets, for every colour of the palette: filled buttons and
 * badges on the first shade white text reads on (red-8, teal-9 …); for the bright colours no
 * shade of which carries white (yellow, orange, lime, green) the filled background stays and its
 * text turns black (`variantColorResolver` below); that colour's text and outlines on the first
 * shade readable on white; a light variant's text darkened until it reads on its own background,
 * hovered included. Computed from the palette, so a colour added later is covered too. The dark
 * scheme gets the same filled shades (its shade 5 carries white no better); its texts pass as they are.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    // between gray-6 and gray-7: 6.1:1 on white, 5.1:1 on gray-2 and 5.4:1 on the violet-0 of a selected row
    '--mantine-color-dimmed': '#5c636a',
    // input errors: red-6 is 3.3:1 on white
    '--mantine-color-error': 'var(--mantine-color-red-text)',
    // links: violet-8 reads on white and on the light tints of every colour (an alert, a selected row)
    '--mantine-color-anchor': `var(--mantine-color-${t.primaryColor}-8)`,
    // gray-5 is 2.1:1 on white; a placeholder is text too ("Choose a .csv file"), a shade lighter than dimmed
    '--mantine-color-placeholder': '#6a7178',
  }
  const dark: Record<string, string> = {}
  const [primaryShade, darkShade] =
    typeof t.primaryShade === 'number'
      ? [t.primaryShade, t.primaryShade]
      : [t.primaryShade.light, t.primaryShade.dark]
  for (const [name, shades] of Object.entries(t.colors)) {
    if (!Array.isArray(shades) || shades.length < 10) continue
    // the dark scheme's filled colour (shade 5) carries white text no better
    const darkFilled = whiteTextShade(shades, darkShade)
    if (darkFilled !== null && darkFilled !== darkShade) {
      dark[`--mantine-color-${name}-filled`] = `var(--mantine-color-${name}-${darkFilled})`
      dark[`--mantine-color-${name}-filled-hover`] =
        darkFilled < 9 ? `var(--mantine-color-${name}-${darkFilled + 1})` : darken(shades[9]!, 0.1)
    }
    const filled = whiteTextShade(shades, primaryShade)
    if (filled !== null && filled !== primaryShade) {
      light[`--mantine-color-${name}-filled`] = `var(--mantine-color-${name}-${filled})`
      light[`--mantine-color-${name}-filled-hover`] =
        filled < 9 ? `var(--mantine-color-${name}-${filled + 1})` : darken(shades[9]!, 0.1)
    }
    const text = filled ?? darkenUntil(shades[9]!, WHITE)
    const textValue = typeof text === 'number' ? `var(--mantine-color-${name}-${text})` : text
    if (text !== primaryShade) {
      light[`--mantine-color-${name}-text`] = textValue
      light[`--mantine-color-${name}-outline`] = textValue
    }
    const lightColor = darkenUntil(shades[9]!, shades[2]!)
    if (lightColor !== shades[9]) light[`--mantine-color-${name}-light-color`] = lightColor
  }
  return { variables: {}, light, dark }
}

/** filled variants of the bright colours (no shade carries white text): black text instead */
export const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input)
  const shades = input.color ? input.theme.colors[input.color] : undefined
  const primaryShade =
    typeof input.theme.primaryShade === 'number' ? input.theme.primaryShade : input.theme.primaryShade.light
  if (input.variant === 'filled' && shades && whiteTextShade(shades, primaryShade) === null) {
    return { ...colors, color: 'var(--mantine-color-black)' }
  }
  return colors
}
