import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF's first page as a PNG under test-results/screenshots/ (to look at), and its text (poppler-utils). */
export function lookAtPdf(pdf: Buffer, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'doc-'));
  writeFileSync(join(dir, 'd.pdf'), pdf);
  mkdirSync('test-results/screenshots', { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', '-f', '1', '-l', '1', join(dir, 'd.pdf'), `test-results/screenshots/${name}`]);
  return execFileSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-']).toString();
}
