import { Module } from '@nestjs/common';
import { RequestLimiter } from './request-limiter.js';

/** The request counters, shared by the guards and the tracked-link redirect. */
@Module({ providers: [RequestLimiter], exports: [RequestLimiter] })
export class RateLimitModule {}
