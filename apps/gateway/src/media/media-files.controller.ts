import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/public.decorator.js';
import { MediaFiles } from './media-files.service.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

/** `/media/<key>?expires=..&signature=..`: files of the filesystem store, through signed expiring URLs. */
@ApiExcludeController()
@RateLimit('none')
@Controller('media')
export class MediaFilesController {
  constructor(private readonly files: MediaFiles) {}

  @Public()
  @Get('*')
  serve(
    @Param('*') key: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.files.send(key, expires, signature, reply);
  }
}
