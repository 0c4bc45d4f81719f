import type { AppConfig } from '@app/config';
import type { InProcessBus } from './in-process-bus.js';

/** What an app needs to know about how it runs: its config and, in standalone mode, the shared bus. */
export interface Runtime {
  config: AppConfig;
  bus?: InProcessBus;
}
