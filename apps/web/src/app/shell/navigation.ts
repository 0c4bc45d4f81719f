import type { LinkProps } from '@tanstack/react-router';

export interface NavigationItem {
  label: string;
  to: LinkProps['to'];
}

/** The app's sections, in the order a seller works: catalog, publishing, results, settings. */
export const NAVIGATION: { group: string; items: NavigationItem[] }[] = [
  {
    group: 'Catalog',
    items: [
      { label: 'Overview', to: '/' },
      { label: 'Products', to: '/products' },
      { label: 'Imports', to: '/imports' },
      { label: 'Videos', to: '/videos' },
    ],
  },
  {
    group: 'Publish',
    items: [
      { label: 'Compose', to: '/compose' },
      { label: 'Calendar', to: '/calendar' },
      { label: 'Import posts', to: '/posts/import' },
      { label: 'Review', to: '/review' },
      { label: 'Campaigns', to: '/campaigns' },
      { label: 'Autopilot', to: '/autopilot' },
      { label: 'Connections', to: '/connections' },
    ],
  },
  {
    group: 'Results',
    items: [
      { label: 'Analytics', to: '/analytics' },
      { label: 'Links', to: '/links' },
    ],
  },
  {
    group: 'Workspace',
    items: [
      { label: 'Settings', to: '/settings' },
      { label: 'Members', to: '/settings/members' },
      { label: 'API keys', to: '/settings/api-keys' },
    ],
  },
];
