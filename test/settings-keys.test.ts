import { describe, expect, it } from 'vitest';
import { taxonomyKey } from '../core/contracts/taxonomy.ts';
import { keyFrom } from '../liff/src/settings/keys.ts';

/** Keys made from names (liff/src/settings/keys.ts): owners type names, never lower_snake_case. */
describe('a key from a name', () => {
  it('reads like the English name when there is one', () => {
    expect(keyFrom('Lost parcel', 'พัสดุหาย')).toBe('lost_parcel');
    expect(keyFrom('  Top-up: not credited! ')).toBe('top_up_not_credited');
    expect(keyFrom('Café crème')).toBe('cafe_creme');
    expect(keyFrom('24h transfer')).toBe('k_24h_transfer');
    expect(keyFrom('', 'Chiang Mai tour')).toBe('chiang_mai_tour');
  });

  it('is a short id for a Thai name, the same each time for the same name and another for another', () => {
    const a = keyFrom('', 'นวดแผนไทย');
    expect(a).toMatch(/^k_[0-9a-z]{1,7}$/);
    expect(keyFrom('นวดแผนไทย')).toBe(a);
    expect(keyFrom('นวดน้ำมัน')).not.toBe(a);
  });

  it('is always a key the API takes, or empty for no name', () => {
    for (const name of ['Lost parcel', 'นวดแผนไทย', '24h', 'x'.repeat(200), 'ร้าน ABC สาขา 2', '!!!', '日本語']) {
      expect(taxonomyKey.safeParse(keyFrom(name)).success, name).toBe(true);
    }
    expect(keyFrom('', '   ')).toBe('');
  });
});
