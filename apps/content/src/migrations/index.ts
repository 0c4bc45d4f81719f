import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { Products1763800200000 } from './1763800200000-Products.js';
import { Media1763800600000 } from './1763800600000-Media.js';
import { Imports1763800700000 } from './1763800700000-Imports.js';
import { Copy1763800850000 } from './1763800850000-Copy.js';
import { ImportImages1763800900000 } from './1763800900000-ImportImages.js';
import { Videos1763801000000 } from './1763801000000-Videos.js';
import { VideoLayers1763801100000 } from './1763801100000-VideoLayers.js';
import { ProductSortIndexes1763801200000 } from './1763801200000-ProductSortIndexes.js';
import { DirectUploads1764100250000 } from './1764100250000-DirectUploads.js';

/** Every migration of the content schema, oldest first. */
export const CONTENT_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  Products1763800200000,
  Media1763800600000,
  Imports1763800700000,
  Copy1763800850000,
  ImportImages1763800900000,
  Videos1763801000000,
  VideoLayers1763801100000,
  ProductSortIndexes1763801200000,
  DirectUploads1764100250000,
];
