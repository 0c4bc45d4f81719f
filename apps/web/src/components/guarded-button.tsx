import { Button, type ButtonProps, Tooltip, VisuallyHidden } from '@mantine/core';
import { type ComponentPropsWithoutRef, useId } from 'react';
import { type Action, useDeniedReason } from '../lib/me';

type GuardedButtonProps = ButtonProps &
  Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps> & {
    /** What the action needs; a role without it sees the button disabled, with the reason. */
    requires: Action;
    /** A reason beyond the role why the action is not allowed here (e.g. a workspace rule). */
    deniedBecause?: string;
  };

/**
 * A button for an action a role may not have. Without the right it stays focusable but inert
 * (`aria-disabled`), and its tooltip and description say why, so nobody wonders what is broken.
 */
export function GuardedButton({ requires, deniedBecause, ...props }: GuardedButtonProps) {
  const reason = useDeniedReason(requires) ?? deniedBecause;
  const reasonId = useId();
  if (!reason) return <Button {...props} />;
  const { onClick: _onClick, type: _type, ...inert } = props;
  return (
    <>
      {/* Wrapped at a width that fits a phone: one line of the reason is wider than a 375 px screen. */}
      <Tooltip label={reason} withArrow multiline w={260}>
        <Button
          {...inert}
          type="button"
          data-disabled
          aria-disabled="true"
          aria-describedby={reasonId}
          onClick={(event) => event.preventDefault()}
        />
      </Tooltip>
      <VisuallyHidden id={reasonId}>{reason}</VisuallyHidden>
    </>
  );
}
