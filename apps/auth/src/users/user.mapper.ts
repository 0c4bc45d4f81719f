import type { UserView } from '@app/contracts';
import type { UserEntity } from '../accounts/user.entity.js';

export function toUserView(user: UserEntity): UserView {
  return { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerifiedAt !== null };
}
