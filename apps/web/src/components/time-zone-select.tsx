import { Select, type SelectProps } from '@mantine/core';

/** Every IANA time zone this browser knows, UTC included. */
const TIME_ZONES: string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();

/** A searchable select of IANA time zones (type "Paris" or "New_York"). */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  return (
    <Select
      searchable
      allowDeselect={false}
      limit={100}
      nothingFoundMessage="No time zone by that name"
      data={TIME_ZONES}
      {...props}
    />
  );
}
