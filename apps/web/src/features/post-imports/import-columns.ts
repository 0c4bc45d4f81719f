/** The columns of a posts import file, as the help on the page lists them. */
export const POST_IMPORT_COLUMNS: Array<{ name: string; isRequired: boolean; takes: string }> = [
  { name: 'product', isRequired: true, takes: 'The product’s SKU or id.' },
  {
    name: 'connections',
    isRequired: true,
    takes: 'One or more accounts by name or id, separated by | (or a JSON array).',
  },
  {
    name: 'text',
    isRequired: true,
    takes: 'The post’s text, or generate to have it written from the product for each platform.',
  },
  {
    name: 'scheduledAt',
    isRequired: true,
    takes:
      'A date and time with its offset (2026-05-01T09:00:00+02:00), a local time with a timezone column, or next-slot for the next free time.',
  },
  { name: 'timezone', isRequired: false, takes: 'The time zone of a local time, such as Europe/Paris.' },
  { name: 'title', isRequired: false, takes: 'A title, for platforms that show one (Pinterest).' },
  { name: 'media', isRequired: false, takes: 'Media ids or image URLs, separated by |.' },
  {
    name: 'campaign',
    isRequired: false,
    takes: 'A campaign by name or id: next-slot then takes its next slot.',
  },
  { name: 'variant', isRequired: false, takes: 'A caption variant label such as A or B, for experiments.' },
  { name: 'options', isRequired: false, takes: 'Platform choices as JSON, such as {"boardId": "123"}.' },
];

/** A small example file: two posts tomorrow at 09:00 in the person's own time zone, and one at the next slot. */
export function exampleCsv(timeZone: string, now: Date = new Date()): string {
  const tomorrow = new Date(now.getTime() + 86_400_000);
  const day = [tomorrow.getFullYear(), tomorrow.getMonth() + 1, tomorrow.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return [
    'product,connections,text,scheduledAt,timezone,variant',
    `MUG-1,My Instagram|My X,"New glaze, same mug. Link in bio.",${day} 09:00,${timeZone},A`,
    `MUG-1,My X,generate,${day} 18:30,${timeZone},B`,
    'BOWL-2,My Pinterest,Stack them high.,next-slot,,',
    '',
  ].join('\n');
}
