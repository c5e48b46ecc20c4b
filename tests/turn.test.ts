/**
 * The conversation pipeline every platform goes through (src/engine/turn.ts), driven as an adapter
 * drives it: an `identify` that names a demo person (or refuses, or fails) and a `deliver` that
 * collects what would be shown.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../src/domain/enums.ts';
import { loadCommands } from '../src/engine/registry.ts';
import {
  type Answer,
  type Asking,
  type Identity,
  type Opened,
  type Submitted,
  turns,
} from '../src/engine/turn.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import type { Store } from '../src/store/store.ts';
import { freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';

const textOf = (answer: Answer | undefined) =>
  (answer?.reply.blocks ?? []).map((block) => (block.type === 'text' ? block.text : '')).join(' ');

function as(store: Store, email: string, platformLocale?: Locale): Asking {
  return {
    channel: 'slack',
    ...(platformLocale ? { platformLocale } : {}),
    identify: async (): Promise<Identity> => {
      const actor = await findPersonByEmail(store, email);
      if (!actor) throw new Error(`no demo person ${email}`);
      return { kind: 'person', actor, platform: { platform: 'slack', workspaceId: 'T1' } };
    },
  };
}

async function collect(run: (deliver: (answer: Answer) => Promise<void>) => Promise<void>) {
  const shown: Answer[] = [];
  await run(async (answer) => {
    shown.push(answer);
  });
  return shown;
}

describe('one turn', () => {
  it('answers a command for the asker alone, and audits with the channel', async () => {
    const store = await freshDemoStore();
    const turn = turns({ store, commands: await loadCommands() });
    const shown = await collect((deliver) =>
      turn.command(as(store, jansen), 'leerling Sarina El Amrani', deliver),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ audience: 'asker', reply: { outcome: 'ok' } });
    expect(
      await rows(store, "select channel from audit_log where action = 'read' order by id desc limit 1"),
    ).toEqual([{ channel: 'slack' }]);
  });

  it('tells an account Koers does not know why, in the language the platform gave', async () => {
    const store = await freshDemoStore();
    const turn = turns({ store, commands: await loadCommands() });
    const stranger: Asking = {
      channel: 'teams',
      identify: async () => ({ kind: 'refused', key: 'teams.unlinked', locale: 'en' }),
    };
    const shown = await collect((deliver) => turn.command(stranger, 'leerling Sarina', deliver));
    expect(shown).toEqual([
      { audience: 'asker', reply: expect.objectContaining({ outcome: 'refused', locale: 'en' }) },
    ]);
  });

  it('answers a failure to identify with an error id, in the platform’s language', async () => {
    const store = await freshDemoStore();
    const turn = turns({ store, commands: await loadCommands() });
    const failing: Asking = {
      channel: 'slack',
      platformLocale: 'en',
      identify: async () => {
        throw new Error('users.info: ratelimited');
      },
    };
    const shown = await collect((deliver) => turn.command(failing, 'help', deliver));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.reply.outcome).toBe('error');
    expect(textOf(shown[0])).toMatch(/^Something went wrong\. .*: [0-9a-f]{8}$/);
  });

  it('answers a failure to deliver once more, in the person’s own language, and nothing more', async () => {
    const store = await freshDemoStore();
    await arrangeIn(store, "update staff set locale = 'en' where email = ?", [jansen]);
    const turn = turns({ store, commands: await loadCommands() });
    const shown: Answer[] = [];
    let attempts = 0;
    await turn.command(as(store, jansen, 'nl'), 'help', async (answer) => {
      attempts += 1;
      if (attempts === 1) throw new Error('response_url expired');
      shown.push(answer);
    });
    expect(attempts).toBe(2);
    expect(shown[0]?.reply.outcome).toBe('error');
    expect(textOf(shown[0])).toContain('Something went wrong');
    // A second failure is only logged: the turn itself never throws.
    await expect(
      turn.command(as(store, jansen), 'help', async () => {
        throw new Error('gone');
      }),
    ).resolves.toBeUndefined();
  });

  it('opens a form, or answers instead when the asker may not', async () => {
    const store = await freshDemoStore();
    const turn = turns({ store, commands: await loadCommands() });
    const opened: Opened[] = [];
    const show = async (value: Opened) => {
      opened.push(value);
    };
    await turn.openForm(as(store, jansen), { formId: 'doelen.nieuw', prefill: { naam: sarina } }, show);
    await turn.openForm(as(store, yilmaz), { formId: 'doelen.nieuw', prefill: { naam: sarina } }, show);
    expect(opened[0]).toMatchObject({ kind: 'form', form: { formId: 'doelen.nieuw' } });
    expect(opened[1]).toMatchObject({
      kind: 'answer',
      answer: { audience: 'asker', reply: { outcome: 'refused' } },
    });
  });

  it('puts each error of a refused form on its field, keeps what was typed, and writes nothing', async () => {
    const store = await freshDemoStore();
    const turn = turns({ store, commands: await loadCommands() });
    const goals = () => rows(store, 'select count(*) as n from goals');
    const before = await goals();
    const outcomes: Submitted[] = [];
    const show = async (value: Submitted) => {
      outcomes.push(value);
    };
    const values = { categorie: 'leerstrategie', tot: '32-13' };
    await turn.submitForm(
      as(store, jansen),
      { formId: 'doelen.nieuw', payload: { naam: sarina }, values, reopen: true },
      show,
    );
    const [refused] = outcomes;
    if (refused?.kind !== 'refused') throw new Error('expected a refused form');
    expect(Object.keys(refused.fields).sort()).toEqual(['titel', 'tot']);
    expect(refused.general).toEqual([]);
    const inputs = refused.again?.form.inputs ?? [];
    expect(inputs.find((input) => input.name === 'categorie')).toMatchObject({ value: 'leerstrategie' });
    expect(inputs.find((input) => input.name === 'tot')).toMatchObject({
      value: '32-13',
      error: refused.fields.tot,
    });
    expect(await goals()).toEqual(before);
  });

  it('says a refusal by the action as the form’s general error', async () => {
    const store = await freshDemoStore();
    const turn = turns({ store, commands: await loadCommands() });
    const outcomes: Submitted[] = [];
    await turn.submitForm(
      as(store, yilmaz),
      {
        formId: 'doelen.nieuw',
        payload: { naam: sarina },
        values: { titel: 'Plannen', categorie: 'leerstrategie' },
      },
      async (value) => {
        outcomes.push(value);
      },
    );
    expect(outcomes).toEqual([
      {
        kind: 'refused',
        fields: {},
        general: ['Je hebt geen toegang tot deze leerling of de leerling bestaat niet.'],
        again: undefined,
      },
    ]);
  });
});
