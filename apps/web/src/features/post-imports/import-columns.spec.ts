import { describe, expect, it } from '@jest/globals';
import { exampleCsv, POST_IMPORT_COLUMNS } from './import-columns';

describe('posts import help', () => {
  it('writes an example with every required column, tomorrow in the given time zone', () => {
    const example = exampleCsv('Europe/Paris', new Date('2030-06-03T12:00:00'));
    const [header, ...rows] = example.trim().split('\n');
    const required = POST_IMPORT_COLUMNS.filter((column) => column.isRequired).map((column) => column.name);
    expect(header.split(',')).toEqual(expect.arrayContaining(required));
    expect(rows[0]).toContain('2030-06-04 09:00,Europe/Paris');
    expect(rows).toHaveLength(3);
  });
});
