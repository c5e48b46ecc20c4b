/** `reflectie`: the weekly reflection, typed or through its form, for the student themselves only. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openForm } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { askAs, DEMO_NOW, errorsOf, freshDemo, visibleText } from './support/demo.ts';
import { dumpTables, query } from './support/dump.ts';

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const answers = '--welbevinden 4 --motivatie 3 --grip 4 --uitdaging precies-goed';
// DEMO_NOW is Monday 23 November 2026: ISO week 48.
const week = '2026-W48';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reflectie', () => {
  it('when storing fails, the log has an error id and the reason, never what the student wrote', async () => {
    const { store, file } = await freshDemo();
    store.$client.exec(
      "create trigger fail_reflection before insert on reflections begin select raise(abort, 'disk full'); end",
    );
    const logged: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const reply = await askAs(
      store,
      sarina,
      `reflectie invullen ${answers} --goed "GEHEIM: thuis gaat het slecht"`,
    );
    vi.restoreAllMocks();
    expect(errorsOf(reply)).toEqual([expect.stringMatching(/Er ging iets mis.*[0-9a-f]{8}/)]);
    const log = logged.join('');
    expect(log).toContain('disk full');
    expect(log).not.toContain('GEHEIM');
    expect(log).not.toContain(sarina);
    expect(query(file, 'select count(*) as n from reflections where iso_week = ?', week)).toEqual([{ n: 0 }]);
  });

  it('stores the week’s reflection, and a second one that week corrects it: one row', async () => {
    const { store, file } = await freshDemo();
    const first = await askAs(store, sarina, `reflectie invullen ${answers} --goed "Presentatie gehouden"`);
    expect(visibleText(first)).toContain('Dank je wel, je reflectie is opgeslagen.');
    const second = await askAs(
      store,
      sarina,
      'reflectie invullen --welbevinden 2 --motivatie 3 --grip 4 --uitdaging te-moeilijk',
    );
    expect(visibleText(second)).toContain('Je reflectie van week 48 is bijgewerkt.');
    expect(
      query(
        file,
        'select welbevinden, uitdaging, went_well from reflections where student_id = 1 and iso_week = ?',
        week,
      ),
      // The correction did not mention the note, so the note stays.
    ).toEqual([{ welbevinden: 2, uitdaging: 'te-moeilijk', went_well: 'Presentatie gehouden' }]);
    expect(
      query(file, "select action, subject from audit_log where subject = 'reflectie invullen' order by id"),
    ).toEqual([
      { action: 'create', subject: 'reflectie invullen' },
      { action: 'update', subject: 'reflectie invullen' },
    ]);
  });

  it('a second time that week, the form shows everything given, so correcting loses nothing', async () => {
    const { store } = await freshDemo();
    await askAs(store, sarina, `reflectie invullen ${answers} --goed "Presentatie gehouden" --praten ja`);
    const actor = await findPersonByEmail(store, sarina);
    if (!actor) throw new Error('no Sarina');
    const reply = await openForm(await loadCommands(), {
      store,
      actor,
      channel: 'cli',
      now: DEMO_NOW,
      formId: 'reflectie.invullen',
      prefill: {},
    });
    const form = reply.blocks.find((b) => b.type === 'form');
    const values = Object.fromEntries(
      (form?.type === 'form' ? form.inputs : []).map((input) => [input.name, input.value]),
    );
    expect(values).toMatchObject({
      welbevinden: '4',
      motivatie: '3',
      grip: '4',
      uitdaging: 'precies-goed',
      goed: 'Presentatie gehouden',
      praten: 'true',
    });
  });

  it('compares the student with herself, never with others', async () => {
    const { store, file } = await freshDemo();
    const [last] = query<{ welbevinden: number }>(
      file,
      'select welbevinden from reflections where student_id = 1 and iso_week < ? order by iso_week desc limit 1',
      week,
    );
    const reply = await askAs(store, sarina, `reflectie invullen ${answers}`);
    const before = last?.welbevinden ?? 0;
    const line =
      before < 4
        ? `gestegen sinds je vorige reflectie (${before} → 4)`
        : before > 4
          ? `gedaald sinds je vorige reflectie (${before} → 4)`
          : 'hetzelfde als bij je vorige reflectie (4)';
    expect(visibleText(reply)).toContain(line);
  });

  it('refuses an expired week, a goal that is not hers, and staff', async () => {
    const { store, file } = await freshDemo();
    const before = dumpTables(file);
    // The demo asked her in week 46; that prompt expired six days later.
    expect(errorsOf(await askAs(store, sarina, `reflectie invullen ${answers} --week 2026-W46`))).toEqual([
      expect.stringContaining('Deze weekreflectie is verlopen'),
    ]);
    expect(dumpTables(file)).toBe(before);
    expect(
      errorsOf(await askAs(store, 'm.jansen@koersmeer.example', `reflectie invullen ${answers}`)),
    ).toHaveLength(1);
    // A command outside one's role changes nothing but leaves its trace (tests/refusal-audit.test.ts).
    const trace = 'select action, subject, student_id from audit_log order by id desc limit 1';
    expect(query(file, trace)).toEqual([
      { action: 'refused', subject: 'reflectie invullen', student_id: null },
    ]);
  });

  it('queues one message to the mentor for a talk request, also when the reflection is corrected', async () => {
    const { store, file } = await freshDemo();
    const reply = await askAs(store, sarina, `reflectie invullen ${answers} --praten ja`);
    expect(visibleText(reply)).toContain('Je mentor krijgt meteen een bericht');
    await askAs(store, sarina, `reflectie invullen ${answers} --praten ja`);
    expect(
      query(
        file,
        "select platform, recipient, payload from outbox where idempotency_key like 'talkRequest:%'",
      ),
    ).toEqual([
      {
        platform: 'local',
        recipient: 'm.jansen@koersmeer.example',
        payload: JSON.stringify({ kind: 'talkRequest', studentId: 1, mentorId: 1, isoWeek: week }),
      },
    ]);
  });

  it('typed without answers, opens the form', async () => {
    const { store } = await freshDemo();
    const reply = await askAs(store, sarina, 'reflectie');
    expect(reply.blocks.at(-1)).toMatchObject({
      type: 'actions',
      buttons: [{ actionId: 'koers.form', payload: { form: 'reflectie.invullen' } }],
    });
  });
});
