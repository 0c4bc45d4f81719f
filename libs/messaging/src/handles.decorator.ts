import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import {
  type Access,
  ForbiddenError,
  grants,
  type Principal,
  type ReplyOf,
  REQUEST_CLASSES,
  type Role,
  type Subject,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from './envelope.pipe.js';
import type { CallContext } from './request-context.js';

const HANDLES_METADATA = 'shopcast:handles';

interface Declaration {
  subject: Subject;
  access: Access;
}

/**
 * The caller's role as it is now, where a service can know it (auth reads memberships). Provide it under
 * CURRENT_ROLE and every `write` or `manage` request is checked against it instead of the token's role,
 * so a change of role takes effect at once.
 */
export interface CurrentRoleSource {
  currentRole(principal: Principal): Promise<Role>;
}
export const CURRENT_ROLE = Symbol('CURRENT_ROLE');

const FORBIDDEN: Record<Exclude<Access, 'public' | 'read'>, string> = {
  write: "Viewers can see this workspace's data but not change it",
  manage: 'Only owners and admins can do this',
};

/** What the guard accepted for one request, read back by the @Context() and @Data() parameters. */
interface Accepted {
  context: CallContext;
  data: unknown;
}
const acceptedRequests = new WeakMap<object, Accepted>();

/**
 * Checks every request before its handler runs, in the order a caller sees the answers: a well-formed
 * envelope (400), data valid against the subject's request class (400), a principal unless the subject
 * is public (401), a role that grants the declared access (403).
 */
@Injectable()
export class RequestGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(CURRENT_ROLE) private readonly roles?: CurrentRoleSource,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const declared = this.reflector.get<Declaration | undefined>(HANDLES_METADATA, execution.getHandler());
    if (!declared) throw new Error('RequestGuard guards only handlers declared with @Handles');
    const payload: unknown = execution.switchToRpc().getData();
    const requestClass = REQUEST_CLASSES[declared.subject] as (new () => object) | null;
    const envelope = await new EnvelopePipe(requestClass ?? undefined).transform(payload);
    if (declared.access !== 'public') await this.authorize(requirePrincipal(envelope), declared.access);
    // Only the fields a context has: whatever else a sender put in the envelope goes no further.
    const { principal, correlationId, clientIp } = envelope;
    const context: CallContext = { principal: principal ?? null, correlationId };
    if (clientIp !== undefined) context.clientIp = clientIp;
    acceptedRequests.set(payload as object, { context, data: envelope.data });
    return true;
  }

  private async authorize(principal: Principal, access: Access): Promise<void> {
    if (access === 'read' || access === 'public') return;
    const role = this.roles ? await this.roles.currentRole(principal) : principal.role;
    if (!grants(role, access)) throw new ForbiddenError(FORBIDDEN[access]);
  }
}

type HandlerOf<S extends Subject> = (...args: never[]) => ReplyOf<S> | Promise<ReplyOf<S>>;

/**
 * Declares a bus handler: the subject it answers, once, and the access its caller needs. The request is
 * validated against the subject's class in the contract, and the method must reply the contract's type.
 */
export function Handles<S extends Subject>(subject: S, access: Access) {
  return <M extends HandlerOf<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    applyDecorators(
      MessagePattern(subject),
      SetMetadata(HANDLES_METADATA, { subject, access } satisfies Declaration),
      UseGuards(RequestGuard),
    )(target, key, descriptor);
  };
}

function acceptedOf(execution: ExecutionContext): Accepted {
  const accepted = acceptedRequests.get(execution.switchToRpc().getData<object>());
  if (!accepted) throw new Error('@Context() and @Data() read only handlers declared with @Handles');
  return accepted;
}

/**
 * The request's context: a RequestContext (principal set) for every access but `public`, whose handlers
 * get a CallContext (principal, if any, not checked).
 */
export const Context = createParamDecorator(
  (_: unknown, execution: ExecutionContext): CallContext => acceptedOf(execution).context,
);

/** The request's data, validated and transformed into the subject's request class. */
export const Data = createParamDecorator(
  (_: unknown, execution: ExecutionContext): unknown => acceptedOf(execution).data,
);
