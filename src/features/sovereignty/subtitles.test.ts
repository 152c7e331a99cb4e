import { describe, expect, it } from 'vitest';
import { SUBTITLES } from './subtitles';

describe('SUBTITLES', () => {
  it('names the state first, then says where images and Git come from', () => {
    expect(SUBTITLES.tethered).toMatch(/^Tethered: /);
    expect(SUBTITLES.tethered).toContain('from the mothership');
    expect(SUBTITLES.sovereign).toMatch(/^Sovereign: /);
    expect(SUBTITLES.sovereign).toContain('its own registry and Git');
  });
});
