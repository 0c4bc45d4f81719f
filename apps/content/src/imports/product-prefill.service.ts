import { Inject, Injectable } from '@nestjs/common';
import { InvalidError, type PrefillFromUrlDto, type ProductPrefillView } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { safeFetch } from '@app/security';
import { parseDecimal, toMinorUnits } from './import-values.js';
import { readPageProduct } from './page-metadata.js';

const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** Pre-fills a product from its page (fetched SSRF-safe); nothing is saved until the user creates it. */
@Injectable()
export class ProductPrefillService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async prefill(request: PrefillFromUrlDto): Promise<ProductPrefillView> {
    const response = await safeFetch(request.url, {
      allowPrivate: this.config.allowPrivateUrls,
      maxBytes: MAX_PAGE_BYTES,
      timeoutMs: 10_000,
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    if (response.status !== 200) throw new InvalidError(`The page answered ${response.status}, not 200`);
    const type = String(response.headers['content-type'] ?? '');
    if (!/html/i.test(type)) throw new InvalidError(`The URL is not an HTML page (content type "${type}")`);
    const page = readPageProduct(response.body.toString('utf8'), response.url);
    const currency =
      page.currency && /^[A-Za-z]{3}$/.test(page.currency) ? page.currency.toUpperCase() : null;
    return {
      title: page.title?.slice(0, 200) ?? null,
      description: page.description?.slice(0, 10_000) ?? null,
      priceMinor: priceMinorOf(page.price, currency),
      currency,
      brand: page.brand,
      imageUrls: page.images,
      destinationUrl: response.url,
      externalId: page.sku?.slice(0, 200) ?? null,
    };
  }
}

function priceMinorOf(price: string | null, currency: string | null): number | null {
  if (price === null || currency === null) return null;
  const decimal = parseDecimal(price);
  if (decimal === null) return null;
  try {
    const minor = toMinorUnits(decimal, currency);
    return typeof minor === 'number' ? minor : null;
  } catch {
    return null; // Intl refuses an unknown currency code
  }
}
