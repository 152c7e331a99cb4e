import { describe, expect, it } from 'vitest';
import { truncate } from './text';

describe('truncate', () => {
  it.each([
    { text: '', max: 5, out: '' },
    { text: 'abcde', max: 5, out: 'abcde' },
    { text: 'abcdef', max: 5, out: 'abcd…' },
    { text: 'a long server detail', max: 10, out: 'a long se…' },
    { text: 'ab', max: 1, out: '…' },
    { text: 'ab', max: 0, out: '…' },
  ])('keeps $text to $max characters: $out', ({ text, max, out }) => {
    expect(truncate(text, max)).toBe(out);
  });

  it('never makes a text longer than the limit, whatever its length', () => {
    for (let length = 0; length <= 12; length += 1) {
      const text = 'x'.repeat(length);
      const out = truncate(text, 8);
      expect(out.length).toBe(Math.min(length, 8));
      expect(out.endsWith('…')).toBe(length > 8);
    }
  });

  it('leaves markup as the characters it is', () => {
    expect(truncate('<b>bold</b> & more', 12)).toBe('<b>bold</b>…');
  });
});
