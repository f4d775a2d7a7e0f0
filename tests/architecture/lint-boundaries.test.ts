import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// The project's own eslint.config.js, applied to virtual files: lintText with a filePath
// selects the config blocks of that path without the file having to exist.
const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: 'eslint.config.js' });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('architecture boundaries (eslint no-restricted-imports)', () => {
  it('reports React imported into the engine, explaining why', async () => {
    const messages = await restrictedImports(
      'src/engine/x.ts',
      "import { useState } from 'react';\nexport const f = useState;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/engine/i);
    expect(messages[0]).toMatch(/browser/i);
  });

  it('reports the store imported into the engine', async () => {
    const messages = await restrictedImports(
      'src/engine/x.ts',
      "import { store } from '../state/store';\nexport const s = store;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('src/state');
  });

  it('reports Node built-ins in the engine, with or without the node: prefix', async () => {
    const code =
      "import { readFileSync } from 'node:fs';\nimport { createHash } from 'crypto';\n" +
      'export const x = [readFileSync, createHash];\n';
    expect(await restrictedImports('src/engine/x.ts', code)).toHaveLength(2);
  });

  it('lets the engine import its own modules', async () => {
    const messages = await restrictedImports(
      'src/engine/x.ts',
      "import { roundDiv } from './money';\nexport const r = roundDiv;\n",
    );
    expect(messages).toEqual([]);
  });

  it('lets price tables import the engine but not the UI', async () => {
    expect(
      await restrictedImports(
        'src/price-tables/registry.ts',
        "import { calculateQuote } from '../engine/index';\nexport const c = calculateQuote;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'src/price-tables/registry.ts',
        "import { create } from 'zustand';\nexport const c = create;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps shared components away from the store and features', async () => {
    const code =
      "import { useStore } from '../../state/store';\nimport { Wizard } from '../../features/wizard/Wizard';\n" +
      'export const x = [useStore, Wizard];\n';
    expect(await restrictedImports('src/components/table/Table.tsx', code)).toHaveLength(2);
  });

  it('reports a feature importing another feature, at any depth, but not its own modules', async () => {
    const cross = await restrictedImports(
      'src/features/results/ResultsStep.tsx',
      "import { Summary } from '../summary/Summary';\nexport const s = Summary;\n",
    );
    expect(cross).toHaveLength(1);
    expect(cross[0]).toMatch(/may not import another feature/);
    expect(
      await restrictedImports(
        'src/features/results/charts/ResultsCharts.tsx',
        "import { summaryFigures } from '../../summary/figures';\nexport const f = summaryFigures;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/features/results/charts/ResultsCharts.tsx',
        "import { kpiCards } from '../kpis';\nimport { moneyFormatter } from '../../../components/format';\n" +
          "import { customersCsv } from '../../../reports/csv';\nexport const k = [kpiCards, moneyFormatter, customersCsv];\n",
      ),
    ).toEqual([]);
  });

  it('keeps src/reports free of React and the store', async () => {
    const messages = await restrictedImports(
      'src/reports/csv.ts',
      "import { useState } from 'react';\nimport { scenarioStore } from '../state/app-store';\n" +
        'export const x = [useState, scenarioStore];\n',
    );
    expect(messages).toHaveLength(2);
  });
});
