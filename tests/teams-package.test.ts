import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Command } from '../src/engine/command.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { translator } from '../src/i18n/translate.ts';
import { projectRoot } from '../src/paths.ts';
import { commandsPerList, type TeamsManifest, teamsManifest } from '../src/platforms/teams/manifest.ts';
import { koers } from './support/cli.ts';
import { tempDir } from './support/temp.ts';

const appId = '5f2b6c1e-8a4d-4c3b-9e7f-0a1b2c3d4e5f';
const require = createRequire(import.meta.url);
// Both are CommonJS packages whose typings describe the ES default; under NodeNext it sits on `.default`.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** The entries of a zip, read through its central directory (local headers may defer sizes). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return entries;
}

type Png = { width: number; height: number; pixels: Buffer };

/** Checks the signature, every chunk's CRC and the image data's length; returns the RGBA pixels. */
function readPng(png: Buffer): Png {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]?.data ?? Buffer.alloc(0);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9]]).toEqual([8, 6]);
  const raw = inflateSync(chunks[1]?.data ?? Buffer.alloc(0));
  expect(raw.length).toBe(height * (width * 4 + 1));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

/** Independent of the encoder's table, so a wrong table there cannot hide behind the same one here. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

async function build(args: string[] = [], env: Record<string, string> = {}) {
  const out = join(tempDir(), 'teams.zip');
  const result = await koers(['teams', 'package', '--out', out, ...args], env);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const entries = unzip(readFileSync(out));
  const manifestJson = entries.get('manifest.json');
  if (!manifestJson) throw new Error('no manifest.json in the package');
  return { result, out, entries, manifest: JSON.parse(manifestJson.toString('utf8')) as TeamsManifest };
}

function officialSchema(version: string): object {
  const path = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

describe('koers teams package', () => {
  it('writes manifest.json, color.png and outline.png at the root of the zip and says where', async () => {
    const { result, out, entries } = await build(['--app-id', appId, '--url', 'https://koers.school.nl']);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(result.out).toBe(
      `Teams-app-pakket geschreven naar ${out}. Upload het in het Teams-beheercentrum bij Apps beheren.`,
    );
  });

  it.each([[['--app-id', appId, '--url', 'https://koers.school.nl/koers/']], [['--app-id', appId]]])(
    'validates against the official schema of the version it declares (%j)',
    async (args) => {
      const { manifest } = await build(args);
      expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
      expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
      // The 1.17 schema declares draft-04, so the draft-04 build of Ajv (as Microsoft's own
      // validator uses); `strict: false` because the schema carries keywords Ajv does not know.
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(officialSchema(manifest.manifestVersion));
      validate(manifest);
      expect(validate.errors ?? []).toEqual([]);
    },
  );

  it('fills in the app id, the domain of --url and the version of Koers', async () => {
    const { manifest } = await build(['--app-id', appId, '--url', 'https://koers.school.nl/koers/']);
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]?.botId).toBe(appId);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.validDomains).toEqual(['koers.school.nl']);
    expect(manifest.developer.websiteUrl).toBe('https://koers.school.nl/koers');
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
  });

  it('lists every command of the registry, in Dutch, in each scope’s command list', async () => {
    const { manifest } = await build(['--app-id', appId], { KOERS_LOCALE: 'en' });
    const commands = await loadCommands();
    expect(commands.length).toBeGreaterThan(0);
    const expected = commands.slice(0, commandsPerList).map((c) => c.name);
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    const dutch = translator('nl');
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(commandsPerList);
      if (commands.length <= commandsPerList)
        expect(list.commands.map((c) => c.title).sort()).toEqual(expected.sort());
      for (const c of list.commands) expect(c.description).toBe(dutch(`commands.${c.title}.summary`));
    }
  });

  it('draws a 192×192 colour icon and a 32×32 outline icon that is white on transparent', async () => {
    const { entries } = await build(['--app-id', appId]);
    const color = readPng(entries.get('color.png') ?? Buffer.alloc(0));
    expect([color.width, color.height]).toEqual([192, 192]);
    const centre = (96 * 192 + 20) * 4;
    expect([...color.pixels.subarray(centre, centre + 4)]).toEqual([0x1f, 0x4e, 0x5f, 255]);

    const outline = readPng(entries.get('outline.png') ?? Buffer.alloc(0));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const alpha = outline.pixels[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else expect([...outline.pixels.subarray(i, i + 3)]).toEqual([255, 255, 255]);
      if (alpha === 255) opaque++;
    }
    expect(opaque).toBeGreaterThan(20);
    expect(transparent).toBeGreaterThan((32 * 32) / 2);
  });

  it('takes the app id from TEAMS_APP_ID when --app-id is not given', async () => {
    const { manifest } = await build([], {
      TEAMS_APP_ID: appId,
      TEAMS_APP_PASSWORD: 'geheim',
      TEAMS_TENANT_ID: '6f1c1b9e-2c55-4a8e-9d43-0a1b2c3d4e5f',
    });
    expect(manifest.id).toBe(appId);
  });

  it('without an app id exits 2 in Dutch and writes nothing', async () => {
    const out = join(tempDir(), 'teams.zip');
    const result = await koers(['teams', 'package', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('Geef de app-id van de bot met --app-id');
    expect(result.err).toContain('Zie: koers teams package --help');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['--app-id', 'koers-bot'],
    ['--app-id', '5f2b6c1e-8a4d-4c3b-9e7f-0a1b2c3d4e5'],
    ['--url', 'http://koers.school.nl'],
    ['--url', 'koers.school.nl'],
  ])('refuses %s %s with exit 2', async (option, value) => {
    const out = join(tempDir(), 'teams.zip');
    const args = option === '--app-id' ? [option, value] : ['--app-id', appId, option, value];
    const result = await koers(['teams', 'package', '--out', out, ...args]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(`'${value}' is geen`);
    expect(existsSync(out)).toBe(false);
  });

  it('does not open the database', async () => {
    const dir = tempDir();
    const result = await koers([
      '--db',
      join(dir, 'koers.db'),
      'teams',
      'package',
      '--app-id',
      appId,
      '--out',
      join(dir, 'teams.zip'),
    ]);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'koers.db'))).toBe(false);
  });
});

describe('teamsManifest', () => {
  it('keeps to ten commands per list, with help first, when the registry outgrows Teams', () => {
    const names = [...Array.from({ length: 12 }, (_, i) => `commando${i}`), 'help'];
    const commands: Command[] = names.map((name) => ({
      name,
      aliases: [],
      actions: [{ name: 'main', who: [], args: {} as never, run: () => ({ blocks: [] }) as never }],
    }));
    const manifest = teamsManifest({ appId, baseUrl: null, commands, t: translator('nl') });
    for (const list of manifest.bots[0]?.commandLists ?? []) {
      expect(list.commands).toHaveLength(commandsPerList);
      expect(list.commands[0]?.title).toBe('help');
    }
  });
});
