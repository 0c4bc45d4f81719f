import { Injectable } from '@nestjs/common';
import { AuthSubjects, ForbiddenError, grants } from '@app/contracts';
import { type RequestContext, RpcClient, systemContext } from '@app/messaging';
import type { AutopilotRuleEntity } from './autopilot.entity.js';

/**
 * Whose access a rule's work runs with: the member who created the rule, with the role auth holds for them now
 * (not the role they had when they created it). A creator demoted to viewer or removed from the workspace
 * stops the rule's posting, with the reason on each run; nothing runs with more access than a person has.
 */
@Injectable()
export class AutopilotActor {
  constructor(private readonly rpc: RpcClient) {}

  async contextOf(rule: AutopilotRuleEntity, correlationId: string): Promise<RequestContext> {
    const asViewer = systemContext(rule.workspaceId, correlationId);
    const creator = { ...asViewer, principal: { ...asViewer.principal, userId: rule.createdBy } };
    const members = await this.rpc.send(AuthSubjects.listMembers, {}, creator);
    const role = members.find((member) => member.userId === rule.createdBy)?.role;
    if (!role) throw new ForbiddenError("The rule's creator is no longer a member of this workspace");
    if (!grants(role, 'write'))
      throw new ForbiddenError(`The rule's creator is a ${role} now and may not post for this workspace`);
    return { principal: { userId: rule.createdBy, workspaceId: rule.workspaceId, role }, correlationId };
  }
}
