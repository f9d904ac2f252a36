// The built manifests for Chrome/Edge (.output/chrome-mv3) and Firefox (.output/firefox-mv3, from
// `npm run build:firefox`): what each browser needs, and nothing the other one refuses.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../utils/shortcuts';
import { EXTENSION_DIR } from './browser';

const FIREFOX_DIR = resolve(EXTENSION_DIR, '../firefox-mv3');
const SIZES = ['16', '32', '48', '128'];

type Manifest = Record<string, unknown> & {
  permissions: string[];
  icons: Record<string, string>;
  action: { default_icon: Record<string, string> };
  commands: Record<string, { suggested_key: { default: string }; description: string }>;
};
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe.each([
  ['Chrome and Edge', EXTENSION_DIR],
  ['Firefox', FIREFOX_DIR],
])('%s manifest', (_, dir) => {
  const m = read(dir);

  it('has icons at 16, 32, 48 and 128, for the extension and the toolbar, each its size', () => {
    expect(Object.keys(m.icons)).toEqual(SIZES);
    expect(m.action.default_icon).toEqual(m.icons);
    for (const [size, file] of Object.entries(m.icons)) expect(pngSize(join(dir, file))).toEqual([+size, +size]);
  });

  it('declares the shortcuts the background carries out, each described in every locale', () => {
    for (const locale of readdirSync(join(dir, '_locales'))) {
      const messages = JSON.parse(readFileSync(join(dir, '_locales', locale, 'messages.json'), 'utf8')) as object;
      for (const c of Object.values(m.commands))
        expect(messages, `${locale}: ${c.description}`).toHaveProperty(/^__MSG_(\w+)__$/.exec(c.description)![1]!);
    }
    expect(m.commands).toEqual(
      Object.fromEntries(
        Object.entries(SHORTCUTS).map(([name, s]) => [
          name,
          { suggested_key: { default: s.key }, description: s.description },
        ]),
      ),
    );
  });
});

describe('Chrome and Edge manifest', () => {
  const m = read(EXTENSION_DIR);

  it('needs Chrome 116 (sidePanel.open), asks for the side panel and the offscreen checker, keeps its key', () => {
    expect(m.minimum_chrome_version).toBe('116');
    expect(m.permissions).toEqual(expect.arrayContaining(['sidePanel', 'offscreen']));
    expect(m.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(typeof m.key).toBe('string');
    expect(existsSync(join(EXTENSION_DIR, 'offscreen.html'))).toBe(true);
  });
});

describe('Firefox manifest', () => {
  const m = read(FIREFOX_DIR);

  it('is MV3 with an event page, the sidebar, and no Chrome-only permission or key', () => {
    expect(m.manifest_version).toBe(3);
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(m.permissions).not.toContain('sidePanel');
    expect(m.permissions).not.toContain('offscreen');
    expect(m).not.toHaveProperty('side_panel');
    expect(m).not.toHaveProperty('key');
    expect(m).not.toHaveProperty('minimum_chrome_version');
    expect(existsSync(join(FIREFOX_DIR, 'offscreen.html'))).toBe(false);
  });

  it('has a gecko id, a minimum version, and says it collects nothing', () => {
    expect(m.browser_specific_settings).toEqual({
      gecko: {
        id: expect.stringMatching(/^[\w.-]+@[\w.-]+$/),
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    });
  });
});
