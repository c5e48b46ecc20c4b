/** `reflectie`: the weekly reflection, typed or through its form, for the student themselves only. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openForm } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { askAs, DEMO_NOW, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const answers = '--welbevinden 4 --motivatie 3 --grip 4 --uitdaging precies-goed';
// DEMO_NOW is Monday 23 November 2026: ISO week 48.
const week = '2026-W48';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reflectie', () => {
  it('when storing fails, the log has an error id and the reason, never what the student wrote', async () => {
    const store = await freshDemoStore();
    // The database refuses the insert, as a full disk would.
    if (store.dialect === 'sqlite') {
      await arrangeIn(
        store,
        "create trigger fail_reflection before insert on reflections begin select raise(abort, 'disk full'); end",
      );
    } else {
      await arrangeIn(
        store,
        "create function fail_reflection() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$",
      );
      await arrangeIn(
        store,
        'create trigger fail_reflection before insert on reflections for each row execute function fail_reflection()',
      );
    }
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
    expect(await rows(store, 'select count(*) as n from reflections where iso_week = ?', [week])).toEqual([
      { n: 0 },
    ]);
  });

  it('stores the week’s reflection, and a second one that week corrects it: one row', async () => {
    const store = await freshDemoStore();
    const first = await askAs(store, sarina, `reflectie invullen ${answers} --goed "Presentatie gehouden"`);
    expect(visibleText(first)).toContain('Dank je wel, je reflectie is opgeslagen.');
    const second = await askAs(
      store,
      sarina,
      'reflectie invullen --welbevinden 2 --motivatie 3 --grip 4 --uitdaging te-moeilijk',
    );
    expect(visibleText(second)).toContain('Je reflectie van week 48 is bijgewerkt.');
    expect(
      await rows(
        store,
        'select welbevinden, uitdaging, went_well from reflections where student_id = 1 and iso_week = ?',
        [week],
      ),
      // The correction did not mention the note, so the note stays.
    ).toEqual([{ welbevinden: 2, uitdaging: 'te-moeilijk', went_well: 'Presentatie gehouden' }]);
    expect(
      await rows(
        store,
        "select action, subject from audit_log where subject = 'reflectie invullen' order by id",
      ),
    ).toEqual([
      { action: 'create', subject: 'reflectie invullen' },
      { action: 'update', subject: 'reflectie invullen' },
    ]);
  });

  it('a second time that week, the form shows everything given, so correcting loses nothing', async () => {
    const store = await freshDemoStore();
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
    const store = await freshDemoStore();
    const [last] = await rows<{ welbevinden: number }>(
      store,
      'select welbevinden from reflections where student_id = 1 and iso_week < ? order by iso_week desc limit 1',
      [week],
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
    const store = await freshDemoStore();
    const before = await dumpStore(store);
    // The demo asked her in week 46; that prompt expired six days later.
    expect(errorsOf(await askAs(store, sarina, `reflectie invullen ${answers} --week 2026-W46`))).toEqual([
      expect.stringContaining('Deze weekreflectie is verlopen'),
    ]);
    expect(await dumpStore(store)).toBe(before);
    expect(
      errorsOf(await askAs(store, 'm.jansen@koersmeer.example', `reflectie invullen ${answers}`)),
    ).toHaveLength(1);
    // A command outside one's role changes nothing but leaves its trace (tests/refusal-audit.test.ts).
    const trace = 'select action, subject, student_id from audit_log order by id desc limit 1';
    expect(await rows(store, trace)).toEqual([
      { action: 'refused', subject: 'reflectie invullen', student_id: null },
    ]);
  });

  it('queues one message to the mentor for a talk request, also when the reflection is corrected', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, sarina, `reflectie invullen ${answers} --praten ja`);
    expect(visibleText(reply)).toContain('Je mentor krijgt meteen een bericht');
    await askAs(store, sarina, `reflectie invullen ${answers} --praten ja`);
    const queued = await rows(
      store,
      "select platform, recipient, payload from outbox where idempotency_key like 'talkRequest:%'",
    );
    expect(queued.map((row) => ({ ...row, payload: rawJson(row.payload) }))).toEqual([
      {
        platform: 'local',
        recipient: 'm.jansen@koersmeer.example',
        payload: { kind: 'talkRequest', studentId: 1, mentorId: 1, isoWeek: week },
      },
    ]);
  });

  it('typed without answers, opens the form', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, sarina, 'reflectie');
    expect(reply.blocks.at(-1)).toMatchObject({
      type: 'actions',
      buttons: [{ actionId: 'koers.form', payload: { form: 'reflectie.invullen' } }],
    });
  });
});
