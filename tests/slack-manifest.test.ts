import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from '../src/engine/command.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { translator } from '../src/i18n/translate.ts';
import { type SlackManifest, slackManifest } from '../src/platforms/slack/manifest.ts';
import { koers } from './support/cli.ts';
import { tempDir } from './support/temp.ts';

async function manifest(args: string[], env: Record<string, string> = {}): Promise<SlackManifest> {
  const result = await koers(['slack', 'manifest', ...args], env);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as SlackManifest;
}

const slashCommand = (m: SlackManifest) => {
  const [only, ...others] = m.features.slash_commands;
  expect(others).toEqual([]);
  if (!only) throw new Error('no slash command');
  return only;
};

describe('koers slack manifest', () => {
  it('points the slash command, events and interactivity at <url>/slack/events', async () => {
    const m = await manifest(['--url', 'https://koers.example.nl']);
    const command = slashCommand(m);
    expect(m.display_information.name).toBe('Koers');
    expect(command.command).toBe('/koers');
    expect(command.url).toBe('https://koers.example.nl/slack/events');
    expect(m.settings.event_subscriptions.request_url).toBe('https://koers.example.nl/slack/events');
    expect(m.settings.interactivity.request_url).toBe('https://koers.example.nl/slack/events');
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for the scopes Koers uses', async () => {
    const m = await manifest(['--url', 'https://koers.example.nl']);
    expect(m.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read.email', 'im:write', 'files:write']),
    );
    expect(m.oauth_config.scopes.bot).not.toContain('app_mentions:read');
  });

  it('lists every command of the registry in the usage hint', async () => {
    const hint = slashCommand(await manifest(['--url', 'https://koers.example.nl'])).usage_hint;
    const commands = await loadCommands();
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(hint).toMatch(new RegExp(`(^| · )${c.name}( |$)`));
    // Options belong in `/koers help`, not in the one-line hint.
    expect(hint).not.toContain('--');
  });

  it.each<Record<string, string>>([{}, { KOERS_LOCALE: 'en' }])(
    'keeps within Slack’s length limits (%j)',
    async (env) => {
      const m = await manifest(['--url', 'https://koers.example.nl'], env);
      const { description, long_description } = m.display_information;
      expect(description.length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(140);
      expect(long_description.length).toBeGreaterThanOrEqual(175);
      expect(long_description.length).toBeLessThanOrEqual(4000);
      const command = slashCommand(m);
      expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
      expect(command.description.length).toBeLessThanOrEqual(2000);
    },
  );

  it.each([
    ['https://koers.example.nl/', 'https://koers.example.nl/slack/events'],
    ['https://Koers.Example.nl//', 'https://koers.example.nl/slack/events'],
    ['https://school.example.nl/koers/', 'https://school.example.nl/koers/slack/events'],
    ['http://localhost:3978', 'http://localhost:3978/slack/events'],
  ])('normalises --url %s', async (url, expected) => {
    expect(slashCommand(await manifest(['--url', url])).url).toBe(expected);
  });

  it.each([[['--socket-mode']], [['--socket-mode', '--url', 'https://koers.example.nl']]])(
    'leaves out every request URL in Socket Mode (%j)',
    async (args) => {
      const m = await manifest(args);
      expect(m.settings.socket_mode_enabled).toBe(true);
      expect(slashCommand(m)).not.toHaveProperty('url');
      expect(m.settings.event_subscriptions).not.toHaveProperty('request_url');
      expect(m.settings.interactivity).not.toHaveProperty('request_url');
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.im']);
    },
  );

  it('refuses to guess the URL: without --url or --socket-mode it exits 2 in Dutch', async () => {
    const result = await koers(['slack', 'manifest']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(
      'Geef het adres waarop Slack Koers bereikt met --url https://koers.school.nl, of kies --socket-mode.',
    );
    expect(result.err).toContain('Zie: koers slack manifest --help');
  });

  it.each([
    'http://example.org',
    'koers.example.nl',
    'ftp://koers.example.nl',
    'https://koers.example.nl/?x=1',
  ])('refuses --url %s with exit 2', async (url) => {
    const result = await koers(['slack', 'manifest', '--url', url]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(`'${url}' is geen https-adres`);
  });

  it('describes the app in English with KOERS_LOCALE=en', async () => {
    const nl = await manifest(['--url', 'https://koers.example.nl']);
    const en = await manifest(['--url', 'https://koers.example.nl'], { KOERS_LOCALE: 'en' });
    expect(en.display_information.description).toContain('schools that practise maatwerk');
    expect(en.display_information.long_description).toContain('Type /koers help');
    expect(slashCommand(en).description).toBe(
      'Koers: students, pathways, goals, arrangements and reflections',
    );
    expect(slashCommand(en).usage_hint).toContain('student <name>');
    expect(en.display_information.description).not.toBe(nl.display_information.description);
    expect(slashCommand(nl).usage_hint).toContain('leerling <naam>');
  });

  it('does not open the database', async () => {
    const path = join(tempDir(), 'koers.db');
    const result = await koers(['slack', 'manifest', '--socket-mode', '--db', path]);
    expect(result.code).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});

describe('slackManifest', () => {
  it('drops commands from the usage hint rather than pass Slack’s 1000 characters', () => {
    const commands: Command[] = Array.from({ length: 60 }, (_, i) => ({
      name: `commando${i}`,
      aliases: [],
      actions: [{ name: 'main', who: [], args: {} as never, run: () => ({ blocks: [] }) as never }],
    }));
    const dutch = translator('nl');
    const t = (key: string) => {
      const name = key.match(/^commands\.(\w+)\.main\.usage$/)?.[1];
      return name ? `${name} <een-heel-lange-naam> [nog-een-argument]` : dutch(key);
    };
    const hint = slackManifest({ baseUrl: 'https://k.example', socketMode: false, commands, t }).features
      .slash_commands[0]?.usage_hint;
    expect(hint?.length).toBeLessThanOrEqual(1000);
    expect(hint).toMatch(/^commando0 <een-heel-lange-naam>/);
    expect(hint).toMatch(/ · …$/);
  });
});
