import { newerVersionProblem } from '../../src/cli/schema-version';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_SCHEMA_VERSION, ScenarioSchema } from '../../src/engine/index';
import { sampleScenario } from '../../src/state/sample';
import {
  defineMigrations,
  missingSteps,
  type MigrationStep,
} from '../../src/price-tables/migrations';
import { scenarioFormat, scenarioMigrations, type ScenarioFormat } from '../../src/state/formats';
import {
  parseScenarioDocument,
  SCENARIO_MAX_CHARS,
  serializeScenario,
} from '../../src/state/scenario-io';

const FIXTURES = new URL('../fixtures/scenarios/', import.meta.url);
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('scenario JSON fixtures and migrations', () => {
  it('has, for every schemaVersion from 1 to the current one, a fixture that opens', () => {
    for (let v = 1; v <= SCENARIO_SCHEMA_VERSION; v++) {
      const mine = fixtureNames.filter((f) => f.startsWith(`v${v}-`));
      expect(mine, `a fixture tests/fixtures/scenarios/v${v}-*.json`).not.toHaveLength(0);
      for (const name of mine) {
        const opened = parseScenarioDocument(fixture(name));
        expect(opened, name).toMatchObject({ ok: true });
        if (opened.ok) expect(opened.migratedFrom).toBe(v === SCENARIO_SCHEMA_VERSION ? null : v);
      }
    }
  });

  it('has a migration from every version below the current one', () => {
    expect(missingSteps(scenarioMigrations)).toEqual([]);
    expect(scenarioMigrations.current).toBe(SCENARIO_SCHEMA_VERSION);
  });

  // A made-up version 0 where the title was called "name": proves the mechanism.
  const v0to1: MigrationStep = {
    from: 0,
    to: 1,
    name: 'test/1-name-becomes-title',
    up: (doc) => {
      const { name, ...rest } = doc as Record<string, unknown>;
      return { ...rest, title: name };
    },
  };
  const withV0 = (step: MigrationStep): ScenarioFormat => ({
    ...scenarioFormat,
    migrations: defineMigrations({
      ...scenarioMigrations,
      first: 0,
      steps: [step, ...scenarioMigrations.steps],
    }),
  });
  const v0Document = () => {
    const { title, ...rest } = sampleScenario();
    return JSON.stringify({ ...rest, name: title, schemaVersion: 0 });
  };

  it('migrates an older document step by step and says from which version', () => {
    const opened = parseScenarioDocument(v0Document(), { format: withV0(v0to1) });
    expect(opened).toEqual({ ok: true, scenario: sampleScenario(), migratedFrom: 0 });
  });

  it('refuses a version with no migration, and a migration that fails, with a message', () => {
    const none = parseScenarioDocument(v0Document());
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.problems[0]).toMatchObject({ path: 'schemaVersion' });
    const broken = parseScenarioDocument(v0Document(), {
      format: withV0({
        ...v0to1,
        up: () => {
          throw new Error('boom');
        },
      }),
    });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/from version 0 to 1 \(boom\)/);
  });

  it('refuses a newer schemaVersion with a clear message', () => {
    const text = JSON.stringify({
      ...sampleScenario(),
      schemaVersion: SCENARIO_SCHEMA_VERSION + 1,
    });
    const opened = parseScenarioDocument(text);
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.problems).toHaveLength(1);
      expect(opened.problems[0]!.path).toBe('schemaVersion');
      expect(opened.problems[0]!.message).toMatch(/newer version of the app/);
    }
  });

  it('says of a newer scenario the sentence the CLI says (issue 11, finding 8)', () => {
    const document = { ...sampleScenario(), schemaVersion: SCENARIO_SCHEMA_VERSION + 98 };
    const opened = parseScenarioDocument(JSON.stringify(document));
    const cli = newerVersionProblem(document);
    expect(cli).not.toBeNull();
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problems).toEqual([cli]);
    // the one-sentence reason is that sentence, capitalised, with one full stop
    expect(opened.reason.toLowerCase()).toBe(cli!.message.toLowerCase());
    expect(opened.reason).not.toMatch(/\.\.$|schemaVersion must be/);
  });
});

describe('parseScenarioDocument', () => {
  it('gives JSON syntax errors with line and column', () => {
    const opened = parseScenarioDocument('{\n  "title": "x",\n  oops\n}');
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.problems[0]!.message).toMatch(/line 3, column 3/);
    const empty = parseScenarioDocument('');
    expect(empty.ok).toBe(false);
  });

  it('lists every schema error by its JSON path', () => {
    const s = sampleScenario() as unknown as { customers: { license: { model: string } }[] };
    s.customers[0]!.license.model = 'lease';
    const doc = { ...s, horizonMonths: 'forever' };
    const opened = parseScenarioDocument(JSON.stringify(doc));
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      const paths = opened.problems.map((p) => p.path);
      expect(paths).toContain('horizonMonths');
      expect(paths.some((p) => p.startsWith('customers[0].license'))).toBe(true);
    }
  });

  it('refuses a document larger than the bound before parsing it', () => {
    const opened = parseScenarioDocument(' '.repeat(SCENARIO_MAX_CHARS + 1));
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.problems[0]!.message).toMatch(/too large/);
  });

  it('refuses prototype keys anywhere and never pollutes Object.prototype', () => {
    const sample = serializeScenario(sampleScenario());
    const hostile = [
      sample.replace('"title":', '"__proto__": { "polluted": true }, "title":'),
      sample.replace(
        '"preparedBy": {',
        '"preparedBy": { "constructor": { "prototype": { "polluted": true } },',
      ),
      '{"__proto__": {"polluted": true}}',
      '[{"prototype": 1}]',
    ];
    for (const text of hostile) {
      const opened = parseScenarioDocument(text);
      expect(opened.ok, text.slice(0, 80)).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const opened = parseScenarioDocument(hostile[0]!);
    if (!opened.ok) expect(opened.problems[0]).toMatchObject({ path: '__proto__' });
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseScenarioDocument(deep).ok).toBe(false);
    const deepObject = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    expect(parseScenarioDocument(deepObject).ok).toBe(false);
  });

  it('refuses documents of the wrong type with a message', () => {
    for (const text of ['null', '42', '"a scenario"', '[]', 'true']) {
      const opened = parseScenarioDocument(text);
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect(opened.problems[0]!.message).toMatch(/must be a JSON object/);
    }
  });

  it('keeps <script> in names as text', () => {
    const s = { ...sampleScenario(), title: '<script>alert(1)</script>' };
    const opened = parseScenarioDocument(serializeScenario(s));
    expect(opened.ok && opened.scenario.title).toBe('<script>alert(1)</script>');
  });
});

describe('serializeScenario', () => {
  it('round-trips and writes keys in a stable order, schemaVersion first', () => {
    const s = sampleScenario();
    const text = serializeScenario(s);
    expect(text.startsWith(`{\n  "schemaVersion": ${SCENARIO_SCHEMA_VERSION},`)).toBe(true);
    const opened = parseScenarioDocument(text);
    expect(opened).toEqual({ ok: true, scenario: s, migratedFrom: null });
    // the same document with its keys shuffled is the same text
    const shuffled = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(serializeScenario(shuffled)).toBe(text);
  });
});

describe('fuzzing the scenario JSON importer', () => {
  const valid = serializeScenario(sampleScenario());

  it('never throws on random text: a scenario or problems', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const opened = parseScenarioDocument(text);
        if (!opened.ok) expect(opened.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutations of a valid document; what opens is schema-valid', () => {
    const mutation = fc.oneof(
      // cut the text short
      fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      // replace a slice with random text
      fc
        .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 10 }))
        .map(([at, len, s]) => valid.slice(0, at) + s + valid.slice(at + len)),
      // change a value in the parsed document
      fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([i, v]) => {
        const doc = JSON.parse(valid) as Record<string, unknown>;
        const keys = Object.keys(doc);
        doc[keys[i % keys.length]!] = v;
        return JSON.stringify(doc);
      }),
    );
    fc.assert(
      fc.property(mutation, (text) => {
        const opened = parseScenarioDocument(text);
        if (opened.ok) expect(ScenarioSchema.safeParse(opened.scenario).success).toBe(true);
        else expect(opened.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
