import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller.js';

/** The dashboard routes (`api/v1/analytics`): summary, time series, breakdowns, top products, posts, experiments. */
@Module({ controllers: [AnalyticsController] })
export class AnalyticsModule {}
