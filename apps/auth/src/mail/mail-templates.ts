import type { Role } from '@app/contracts';
import type { MailMessage } from './mailer.js';

/** Pages of the web app that mailed links open; the token travels in the fragment, never to a server log. */
export function webLink(publicBaseUrl: string, page: string, token: string): string {
  return `${publicBaseUrl}/${page}#token=${token}`;
}

export function verificationMail(to: string, name: string, link: string): MailMessage {
  return {
    kind: 'verify-email',
    to,
    subject: 'Confirm your email address for Shopcast',
    text: [
      `Hello ${name},`,
      '',
      'Open this link to confirm that this address is yours:',
      link,
      '',
      'The link works once and for 48 hours. If you did not sign up for Shopcast, ignore this mail.',
    ].join('\n'),
  };
}

export interface InvitationMailDetails {
  to: string;
  workspaceName: string;
  inviterName: string;
  role: Role;
  link: string;
}

export function invitationMail(details: InvitationMailDetails): MailMessage {
  return {
    kind: 'invitation',
    to: details.to,
    subject: `${details.inviterName} invited you to ${details.workspaceName} on Shopcast`,
    text: [
      `${details.inviterName} invited you to join the workspace "${details.workspaceName}" as ${details.role}.`,
      '',
      'Open this link to accept (sign in, or sign up with this address, first):',
      details.link,
      '',
      'The invitation works once and for 7 days. If you did not expect it, ignore this mail.',
    ].join('\n'),
  };
}

export function passwordResetMail(to: string, name: string, link: string): MailMessage {
  return {
    kind: 'password-reset',
    to,
    subject: 'Reset your Shopcast password',
    text: [
      `Hello ${name},`,
      '',
      'Someone (we hope you) asked to reset the password of your Shopcast account. Open this link to choose a',
      'new one; every device signed in to your account is then signed out:',
      link,
      '',
      'The link works once and for 1 hour. If you did not ask, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}
