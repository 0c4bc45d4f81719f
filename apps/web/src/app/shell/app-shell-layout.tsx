import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { WorkspaceSwitcher } from '../../features/workspaces/workspace-switcher';
import { UserMenu } from '../../features/auth/user-menu';
import { NAVIGATION } from './navigation';

/** The frame of every signed-in page: header with workspace and account, section navigation, the page. */
export function AppShellLayout() {
  const [isNavOpen, nav] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const activeTo = activeItemOf(pathname);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={isNavOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={isNavOpen ? 'Close navigation' : 'Open navigation'}
            />
            <Text
              component={Link}
              to="/"
              fw={800}
              c="blue.8"
              size="lg"
              visibleFrom="xs"
              style={{ textDecoration: 'none' }}
            >
              Shopcast
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        <ScrollArea type="auto">
          <Stack gap="sm">
            {NAVIGATION.map((section) => (
              <nav key={section.group} aria-label={section.group}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  {section.group}
                </Text>
                {section.items.map((item) => (
                  <NavLink
                    key={item.label}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={item.to === activeTo}
                    // The router would also mark /settings current on /settings/members: `active` decides.
                    activeOptions={{ exact: true }}
                    // Filled: the light variant's hover colour drops the active link's text below AA contrast.
                    variant="filled"
                    onClick={nav.close}
                  />
                ))}
              </nav>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** The navigation item a path belongs to: the longest item path it equals or lies under. */
function activeItemOf(pathname: string): string | undefined {
  const matches = NAVIGATION.flatMap((section) => section.items)
    .map((item) => String(item.to))
    .filter((to) => pathname === to || (to !== '/' && pathname.startsWith(`${to}/`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}
