import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/openapi';
import { performanceInput, performanceUpdate } from '../../../src/schemas/performance';

const body = () => ({
  title: 'Hamlet',
  kind: 'live',
  director: { name: 'Ann Director', email: 'ann@example.com', phone: '+442071838750' },
  castingDirector: { name: 'Cas Ting', email: 'cas@example.com', phone: '+442071838751' },
  venue: { name: 'The Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  dates: ['2031-06-01T19:30'],
  characters: [
    { characterId: 'c1', name: 'Hamlet' },
    { characterId: 'c2', name: 'Ophelia' },
  ],
  slots: [
    { slotId: 's1', start: '2031-05-01T10:00', durationMinutes: 30, capacity: 5 },
    { slotId: 's2', start: '2031-05-01T11:00', durationMinutes: 30, capacity: 5 },
  ],
});

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));

describe('performance bodies (POST and PUT alike)', () => {
  it('accepts a valid body on both', () => {
    expect(performanceInput.safeParse(body()).success).toBe(true);
    expect(performanceUpdate.safeParse({ ...body(), version: 3 }).success).toBe(true);
  });

  it('refuses unknown fields on PUT as POST does', () => {
    expect(performanceInput.safeParse({ ...body(), ownerId: 'someone-else' }).success).toBe(false);
    const put = performanceUpdate.safeParse({ ...body(), version: 3, ownerId: 'someone-else' });
    expect(put.success).toBe(false);
    expect(performanceUpdate.safeParse({ ...body(), version: 3, castingClosed: true }).success).toBe(false);
  });

  it('refuses two slots or two characters with one id, on both', () => {
    const twoSlots = { ...body(), slots: [body().slots[0], { ...body().slots[1], slotId: 's1', capacity: 1 }] };
    const twoCharacters = { ...body(), characters: [body().characters[0], { characterId: 'c1', name: 'Gertrude' }] };
    for (const [schema, extra] of [
      [performanceInput, {}],
      [performanceUpdate, { version: 1 }],
    ] as const) {
      const slots = schema.safeParse({ ...twoSlots, ...extra });
      expect(slots.success).toBe(false);
      expect(paths(slots)).toContain('slots.1.slotId');
      const characters = schema.safeParse({ ...twoCharacters, ...extra });
      expect(characters.success).toBe(false);
      expect(paths(characters)).toContain('characters.1.characterId');
    }
  });

  it('says additionalProperties: false for the PUT body in the OpenAPI document', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>>;
    };
    const schema = document.paths['/performances/{performanceId}']?.put?.requestBody?.content['application/json']
      ?.schema as { additionalProperties?: unknown; properties?: Record<string, unknown>; required?: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['title', 'slots', 'version']));
    expect(schema.required).toContain('version');
  });
});
