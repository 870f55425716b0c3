import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * dev/ holds fakes of outside services and the chat simulator. Production code must not load it:
 * no module of the product imports it at start-up; bin/system.ts alone imports dev/simulator/, on
 * demand, when the simulator is on.
 */
const ROOT = join(import.meta.dirname, '..');
const PRODUCT = ['core', 'bot', 'api', 'workers', 'bin', 'migrations', 'seeds'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Imports that run when the module loads: `import … from`, `export … from`, `import '…'` (not `import type`). */
function loadTimeImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) specifiers.push(m[2]);
  return specifiers;
}

describe('dev/ stays out of production', () => {
  it('no product module imports dev/ when it loads', () => {
    const offenders = PRODUCT.flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .flatMap((file) => loadTimeImports(readFileSync(file, 'utf8')).filter((s) => /(^|\/)dev\//.test(s)).map((s) => `${relative(ROOT, file)} -> ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the server imports the simulator on demand', () => {
    const system = readFileSync(join(ROOT, 'bin/system.ts'), 'utf8');
    expect(system).toMatch(/import\('\.\.\/dev\/simulator\//);
  });
});
