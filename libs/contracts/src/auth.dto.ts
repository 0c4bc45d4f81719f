import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { Trim } from './validation.js';
import { ROLES, type Role } from './principal.js';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export const MIN_PASSWORD_LENGTH = 10;

export class RegisterDto {
  /** Login email; compared case-insensitively. */
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  /** At least 10 characters and not a commonly used password. */
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(256)
  password!: string;

  /** Display name. */
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  /** Name of the first workspace; defaults to "<name>'s workspace". */
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  workspaceName?: string;
}

export class LoginDto {
  @Transform(normaliseEmail)
  @IsString()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(256)
  password!: string;
}

export class PasswordResetRequestDto {
  /** The account's address; the answer is the same whether or not it has an account. */
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetDto {
  /** The `token` of the link in the reset mail. */
  @IsString()
  @Length(20, 200)
  token!: string;

  /** The new password: at least 10 characters and not a commonly used password. */
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(256)
  password!: string;
}

export class PasswordResetRequestedView {
  /** Always true: a mail goes out only when the address has an account, and the answer does not say. */
  accepted!: true;
}

export class PasswordResetView {
  /** Every session of the account was signed out; sign in with the new password. */
  reset!: true;
}

export class RefreshTokenDto {
  /** The opaque refresh token from login, register or the previous refresh. */
  @IsString()
  @Length(10, 200)
  refreshToken!: string;
}

/** Refresh or sign-out: the token in the body, or, for a browser session, in its HttpOnly cookie. */
export class SessionTokenDto {
  /** The opaque refresh token; leave it out when the request sends `X-Shopcast-Session: cookie`. */
  @IsOptional()
  @IsString()
  @Length(10, 200)
  refreshToken?: string;
}

export class SwitchWorkspaceDto {
  @IsUUID()
  workspaceId!: string;
}

export class CreateWorkspaceDto {
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class AddMemberDto {
  /** Where the invitation goes; the invitee joins once they accept it, signed in with this verified address. */
  @Transform(normaliseEmail)
  @IsEmail()
  email!: string;

  @IsIn(ROLES)
  role!: Role;
}

export class UpdateMemberDto {
  @IsIn(ROLES)
  role!: Role;
}

export class MemberParams {
  @IsUUID()
  userId!: string;
}

/** What travels on the bus for a role change: the member from the path plus the new role. */
export class UpdateMemberRequest {
  @IsUUID()
  userId!: string;

  @IsIn(ROLES)
  role!: Role;
}

export class UserView {
  id!: string;
  email!: string;
  name!: string;
  /** Whether the user proved they own `email` by opening the link mailed to it. */
  emailVerified!: boolean;
}

export class WorkspaceView {
  id!: string;
  name!: string;
}

export class TokenPairView {
  /** Access JWT (ES256), sent as `Authorization: Bearer <token>`. */
  accessToken!: string;
  /** Opaque refresh token; each use rotates it. */
  refreshToken!: string;
  /** Access token lifetime in seconds. */
  expiresIn!: number;
  tokenType!: 'Bearer';
}

/** A token pair as the HTTP API answers it: a browser session keeps its refresh token in a cookie instead. */
export class SessionTokensView {
  /** Access JWT (ES256), sent as `Authorization: Bearer <token>`. */
  accessToken!: string;
  /**
   * Opaque refresh token; each use rotates it. Absent when the request sent `X-Shopcast-Session: cookie`: the
   * token is then set as an HttpOnly cookie that only the auth endpoints receive.
   */
  refreshToken?: string;
  /** Access token lifetime in seconds. */
  expiresIn!: number;
  tokenType!: 'Bearer';
}

export class SessionRegisterView extends SessionTokensView {
  user!: UserView;
  workspace!: WorkspaceView;
}

export class RegisterResultView extends TokenPairView {
  user!: UserView;
  workspace!: WorkspaceView;
}

export class MeView {
  user!: UserView;
  workspace!: WorkspaceView;
  role!: Role;
}

export class WorkspaceMembershipView {
  id!: string;
  name!: string;
  role!: Role;
  createdAt!: string;
}

/** The role a signed-in caller holds now in the workspace of their token. */
export class CurrentMemberView {
  role!: Role;
}

export class MemberView {
  userId!: string;
  email!: string;
  name!: string;
  role!: Role;
  joinedAt!: string;
}

/** A mailed single-use token (email verification, invitation). */
export class MailedTokenDto {
  /** The `token` of the link in the mail. */
  @IsString()
  @Length(20, 200)
  token!: string;
}

export class EmailVerifiedView {
  email!: string;
  emailVerified!: true;
}

export class VerificationMailView {
  /** False when the address is verified already (no mail is sent). */
  sent!: boolean;
}

export class InvitationParams {
  @IsUUID()
  invitationId!: string;
}

/** A pending invitation to the current workspace, as its members see it. */
export class InvitationView {
  id!: string;
  email!: string;
  role!: Role;
  /** Name of the member who sent it; absent once they left Shopcast. */
  invitedBy?: string;
  createdAt!: string;
  expiresAt!: string;
}

/** What the holder of an invitation link is invited to, shown before they accept. */
export class InvitationPreviewView {
  workspaceName!: string;
  role!: Role;
  /** The address invited: accepting needs a session of the account with this address, verified. */
  email!: string;
  invitedBy?: string;
  expiresAt!: string;
}

export interface JwksView {
  keys: Array<Record<string, unknown>>;
}
