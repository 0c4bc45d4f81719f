import { Anchor, createTheme, type CSSVariablesResolver, Drawer, Modal, Notification } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps links and filled buttons above WCAG AA contrast (4.5:1) on white.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  // Keyboard users always see where they are.
  focusRing: 'auto',
  // Filled buttons and badges pick black or white text, whichever reads better on their colour.
  autoContrast: true,
  // People who ask their system for less motion get none: dialogs and menus appear without fading.
  respectReducedMotion: true,
  components: {
    // A link inside a sentence must not rely on colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Close buttons show only an icon: screen readers need their name.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
});

/** Secondary and error text dark enough for WCAG AA contrast (4.5:1) on white; Mantine's defaults are ~3.3:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
