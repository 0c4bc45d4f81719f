import { Avatar, Menu, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMe } from '../../lib/me';
import { useSignOut } from './api';

/** The account menu in the header: profile and sign out. */
export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const name = me.data?.user.name ?? '';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton>
          <Avatar name={name} color="blue.8" variant="filled" radius="xl" size="md" aria-hidden />
          <VisuallyHidden>Account menu</VisuallyHidden>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.data?.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/settings/profile">
          Profile
        </Menu.Item>
        <Menu.Item color="red" onClick={() => signOut.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
