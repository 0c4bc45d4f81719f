import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

function MantineAnchor(props: AnchorProps & ComponentPropsWithRef<'a'>) {
  return <Anchor {...props} />;
}

const RouterAnchor = createLink(MantineAnchor);

/** A Mantine Anchor that is a typed router link: `<AnchorLink to="/campaigns/$campaignId" params={…}>`. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <RouterAnchor preload="intent" {...props} />
);
