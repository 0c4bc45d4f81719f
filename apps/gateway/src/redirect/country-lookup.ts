import maxmind, { type CountryResponse } from 'maxmind';

/** Finds a visitor's ISO country code from their IP address, in memory. */
export interface CountryLookup {
  countryOf(ip: string): string | undefined;
}

/** A country lookup over a MaxMind (GeoLite2/GeoIP2 Country or City) database file. */
export class MaxmindCountryLookup implements CountryLookup {
  constructor(private readonly reader: { get(ip: string): CountryResponse | null }) {}

  countryOf(ip: string): string | undefined {
    if (!maxmind.validate(ip)) return undefined;
    return this.reader.get(ip)?.country?.iso_code;
  }
}

/**
 * Opens the offline GeoIP database when `GEOIP_DATABASE_PATH` is set; a missing or unreadable file stops
 * the start with an error naming the setting, so a typo never silently turns off country data.
 */
export async function openCountryLookup(path: string | undefined): Promise<CountryLookup | undefined> {
  if (!path) return undefined;
  try {
    // No file watcher: the gateway reads the database once at start; a new edition needs a restart.
    const reader = await maxmind.open<CountryResponse>(path, { watchForUpdates: false });
    return new MaxmindCountryLookup(reader);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`GEOIP_DATABASE_PATH: cannot open the GeoIP database at ${path}: ${reason}`, {
      cause: error,
    });
  }
}
