import { Controller } from '@nestjs/common';
import { AuthSubjects, type RegisterDto } from '@app/contracts';
import { type CallContext, Context, Data, Handles, type RequestContext } from '@app/messaging';
import { UsersService } from './users.service.js';

@Controller()
export class UsersHandlers {
  constructor(private readonly users: UsersService) {}

  @Handles(AuthSubjects.register, 'public')
  register(@Context() context: CallContext, @Data() data: RegisterDto) {
    return this.users.register(context, data);
  }

  @Handles(AuthSubjects.me, 'read')
  me(@Context() context: RequestContext) {
    return this.users.me(context.principal);
  }
}
