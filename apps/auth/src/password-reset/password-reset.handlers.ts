import { Controller } from '@nestjs/common';
import { AuthSubjects, type PasswordResetDto, type PasswordResetRequestDto } from '@app/contracts';
import { Data, Handles } from '@app/messaging';
import { PasswordResetService } from './password-reset.service.js';

@Controller()
export class PasswordResetHandlers {
  constructor(private readonly passwordReset: PasswordResetService) {}

  @Handles(AuthSubjects.requestPasswordReset, 'public')
  request(@Data() data: PasswordResetRequestDto) {
    return this.passwordReset.request(data.email);
  }

  /** Public: holding the mailed token is the proof. */
  @Handles(AuthSubjects.resetPassword, 'public')
  reset(@Data() data: PasswordResetDto) {
    return this.passwordReset.reset(data);
  }
}
