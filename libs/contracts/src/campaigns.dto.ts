import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Request subjects of campaigns. */
export const CampaignSubjects = {
  create: 'platform.campaign.create',
  list: 'platform.campaign.list',
  get: 'platform.campaign.get',
  update: 'platform.campaign.update',
  delete: 'platform.campaign.delete',
} as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a campaign posts: on these days, at these local times, in this IANA time zone. */
export class CampaignScheduleDto {
  /** IANA time zone, e.g. Europe/Paris; slots follow its daylight-saving changes. */
  @IsString()
  @MaxLength(64)
  timezone!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true, message: 'each day must be one of mon, tue, wed, thu, fri, sat, sun' })
  days!: Weekday[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ArrayUnique()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { each: true, message: 'each time must be HH:MM (24 h)' })
  times!: string[];
}

export class CreateCampaignDto {
  @IsString()
  @Length(1, 120)
  name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  /** The connections the campaign posts to; a campaign post may target only these. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each connectionIds entry must be a UUID' })
  connectionIds!: string[];

  @ValidateNested()
  @Type(() => CampaignScheduleDto)
  schedule!: CampaignScheduleDto;
}

export class UpdateCampaignDto extends PartialType(CreateCampaignDto) {}

export class UpdateCampaignRequest extends UpdateCampaignDto {
  @IsUUID()
  id!: string;
}

export class CampaignParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class CampaignScheduleView {
  timezone!: string;
  days!: Weekday[];
  times!: string[];
}

export class CampaignView {
  id!: string;
  name!: string;
  tags!: string[];
  connectionIds!: string[];
  schedule!: CampaignScheduleView;
  /** The next slot no post of the campaign takes yet, on any of its connections. */
  nextFreeSlotAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}
