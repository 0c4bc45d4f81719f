import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddMemberDto,
  AuthSubjects,
  MemberParams,
  type MemberView,
  type RpcEnvelope,
  UpdateMemberRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { MembersService } from './members.service.js';

@Controller()
export class MembersHandlers {
  constructor(private readonly members: MembersService) {}

  @MessagePattern(AuthSubjects.listMembers)
  list(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Promise<MemberView[]> {
    return this.members.list(requirePrincipal(envelope));
  }

  @MessagePattern(AuthSubjects.addMember)
  add(@Payload(new EnvelopePipe(AddMemberDto)) envelope: RpcEnvelope<AddMemberDto>): Promise<MemberView> {
    return this.members.add(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(AuthSubjects.updateMember)
  update(
    @Payload(new EnvelopePipe(UpdateMemberRequest)) envelope: RpcEnvelope<UpdateMemberRequest>,
  ): Promise<MemberView> {
    return this.members.update(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(AuthSubjects.removeMember)
  remove(
    @Payload(new EnvelopePipe(MemberParams)) envelope: RpcEnvelope<MemberParams>,
  ): Promise<{ removed: boolean }> {
    return this.members.remove(requirePrincipal(envelope), envelope.data.userId);
  }
}
