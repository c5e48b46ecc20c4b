/**
 * `samenvatting` on the demo school (issue 14): the team, its groups, each chosen indicator against
 * its target with the trend, the movement per strategy, and the students with an open signal, named
 * only where names may be shown; a group of fewer than five responses shows its count only.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../src/domain/enums.ts';
import type { PlatformContext } from '../src/engine/context.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { route } from '../src/engine/router.ts';
import { translate } from '../src/i18n/translate.ts';
import { renderText } from '../src/render/text.ts';
import type { Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/database.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { askAs, DEMO_NOW, errorsOf, visibleText } from './support/demo.ts';
import { sweptDemoStore } from './support/signals.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const smit = 't.smit@koersmeer.example';
const yilmaz = 'f.yilmaz@koersmeer.example';
const beheer = 'beheer@koersmeer.example';
const benali = 'a.benali@koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';

/** Students with an open signal after the demo's first sweep, by group. */
const named = ['Daan Visser', 'Noor Hendriks', 'Sarina El Amrani', 'Milan Peters', 'Yara Wijaya'];

async function askIn(
  store: Store,
  email: string,
  text: string,
  platform: PlatformContext,
  locale?: Locale,
): Promise<Reply> {
  const actor = await findPersonByEmail(store, email);
  if (!actor) throw new Error(email);
  return route(await loadCommands(), {
    store,
    actor,
    text,
    channel: platform.platform === 'teams' ? 'teams' : 'slack',
    platform,
    now: DEMO_NOW,
    ...(locale ? { locale } : {}),
  });
}

const sharedChannel: PlatformContext = {
  platform: 'slack',
  workspaceId: 'T1',
  conversation: { id: 'C1', shared: true },
};

/** The demo school on this run's dialect after its first morning's sweep. */
async function markStaffChannel(store: Store, channelId = 'C1') {
  await arrangeIn(
    store,
    `insert into subscriptions (platform, workspace_id, channel_id, scope, school_id, team_id, is_staff_channel, created_at)
     select 'slack', 'T1', ?, 'team', school_id, id, true, '2026-11-01T08:00:00.000Z' from teams where name = 'Bovenbouw'`,
    [channelId],
  );
}

const summaryReads = async (store: Store) =>
  (
    await rows<{ n: number }>(
      store,
      "select count(*) as n from audit_log where action = 'read' and subject = 'samenvatting' and student_id is not null",
    )
  )[0] as { n: number };

/** The text of a reply between one group's header and the next divider. */
function section(reply: Reply, header: string): string {
  const at = reply.blocks.findIndex((b) => b.type === 'header' && b.text === header);
  if (at < 0) return '';
  const end = reply.blocks.findIndex((b, i) => i > at && b.type === 'divider');
  return renderText({ ...reply, blocks: reply.blocks.slice(at, end < 0 ? undefined : end) });
}

describe('samenvatting for the team leader on the demo school', () => {
  it('shows his team, then 3H, 3T and 4V, each indicator against its target with the trend', async () => {
    const store = await sweptDemoStore();
    const reply = await askAs(store, smit, 'samenvatting');
    expect(reply.outcome).toBe('ok');
    expect(reply.visibility).toBe('ephemeral');
    const headers = reply.blocks.flatMap((b) => (b.type === 'header' ? [b.text] : []));
    expect(headers).toEqual(['Samenvatting team Bovenbouw', 'Groep 3H', 'Groep 3T', 'Groep 4V']);
    const text = renderText(reply);
    // The numbers of tests/indicators-demo.test.ts: 66/75 at 4–5 (70/75 before), target 75%.
    expect(text).toContain(
      'welbevinden 4–5: 88% (ambitie 75%) · 75 leerlingen reflecteerden · ambitie gehaald · gedaald (was 93%)',
    );
    expect(text).toContain('uitdaging precies goed: 91% (ambitie 60%)');
    expect(text).toContain(
      'responspercentage: 98% (ambitie 90%) · 300 uitnodigingen · ambitie gehaald · gestegen',
    );
    expect(text).toContain(translate('nl', 'summary.reading'));
    // The middle and the movement: Noor's plusklas under verrijken, before → since, in this private
    // answer (two students: figures about individuals, shown only where names may be).
    expect(text).toMatch(
      /Welbevinden: +1–2 3% · 3 9% · 4–5 88% · middenmoot 4 \(mediaan 4\) · spreiding 2–5/,
    );
    expect(text).toMatch(
      /verrijken: 2 leerlingen — welbevinden 4–5 \d+% → \d+% \((gestegen|gedaald|gelijk gebleven)\) · 1–2 \d+% → \d+% · precies goed \d+% → \d+%/,
    );
    // The students with an open signal, under their group, named in a private answer.
    expect(section(reply, 'Groep 3H')).toContain('Daan Visser');
    expect(section(reply, 'Groep 3H')).toContain('Noor Hendriks');
    expect(section(reply, 'Groep 3T')).toContain('Milan Peters');
    expect(section(reply, 'Groep 4V')).toContain('Yara Wijaya');
    expect(section(reply, 'Groep 4V')).not.toContain('Daan Visser');
  });

  it('says the same in English', async () => {
    const store = await sweptDemoStore();
    const reply = await askAs(store, smit, 'summary', { locale: 'en' });
    const text = renderText(reply);
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Summary: team Bovenbouw' });
    expect(text).toContain(
      'wellbeing 4–5: 88% (target 75%) · 75 students reflected · target met · down (was 93%)',
    );
    expect(text).toMatch(/enrichment: 2 students — wellbeing 4–5 \d+% → \d+%/);
    expect(text).toContain(translate('en', 'summary.reading'));
    expect(section(reply, 'Group 3H')).toContain('Daan Visser');
    expect(text).not.toMatch(/ambitie|leerlingen|gehaald/);
  });

  it('reads a target not met as the approach needing a look', async () => {
    const store = await sweptDemoStore();
    await arrangeIn(store, "update team_indicators set target = 0.95 where indicator = 'welbevinden-hoog'");
    const text = renderText(await askAs(store, smit, 'samenvatting'));
    expect(text).toContain(
      'welbevinden 4–5: 88% (ambitie 95%) · 75 leerlingen reflecteerden · ambitie niet gehaald: de aanpak verdient een blik',
    );
    expect(text).not.toMatch(/gefaald|onvoldoende|slecht/i);
  });

  it('draws one chart of the indicators against their targets, with the numbers of the text', async () => {
    const store = await sweptDemoStore();
    const reply = await askAs(store, smit, 'samenvatting');
    const charts = reply.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
    expect(charts).toHaveLength(1);
    const chart = charts[0];
    if (chart?.kind !== 'targets') throw new Error('a targets chart');
    expect(chart.rows.map((r) => [r.label, r.value, r.target, r.met, r.text])).toEqual([
      ['welbevinden 4–5', 88, 75, true, '88% (ambitie 75%)'],
      ['uitdaging precies goed', 91, 60, true, '91% (ambitie 60%)'],
      ['responspercentage', 98, 90, true, '98% (ambitie 90%)'],
    ]);
    for (const row of chart.rows) expect(renderText(reply)).toContain(`${row.label}: ${row.text}`);
  });

  it('audits a read for each student named, and none for a summary that names nobody', async () => {
    const store = await sweptDemoStore();
    await askAs(store, smit, 'samenvatting');
    expect((await summaryReads(store)).n).toBe(named.length + 1); // Ayoub Kuipers, a drawn student, too
    const before = (await summaryReads(store)).n;
    await askIn(store, smit, 'samenvatting', sharedChannel);
    expect((await summaryReads(store)).n).toBe(before);
  });
});

describe('names only where they may be read', () => {
  it('shows no student names in a shared channel that is not a staff channel', async () => {
    const store = await sweptDemoStore();
    const reply = await askIn(store, smit, 'samenvatting', sharedChannel);
    expect(reply.outcome).toBe('ok');
    for (const name of named) expect(visibleText(reply)).not.toContain(name);
    expect(section(reply, 'Groep 3H')).toContain('leerlingen met een open aandachtspunt');
    expect(visibleText(reply)).toContain(translate('nl', 'summary.namesHidden'));
    // Nor a few students' movement: Noor's plusklas is a count here.
    expect(renderText(reply)).toContain(
      `verrijken: 2 leerlingen — ${translate('nl', 'summary.movementTooFew', { min: 5 })}`,
    );
  });

  it('names them in a registered staff channel, and in a direct message', async () => {
    const store = await sweptDemoStore();
    await markStaffChannel(store);
    const inStaffChannel = await askIn(store, smit, 'samenvatting', sharedChannel);
    for (const name of named) expect(visibleText(inStaffChannel)).toContain(name);
    expect(renderText(inStaffChannel)).toMatch(/verrijken: 2 leerlingen — welbevinden 4–5 \d+% →/);
    const direct = await askIn(store, smit, 'samenvatting', {
      platform: 'slack',
      workspaceId: 'T1',
      conversation: { id: 'D1', shared: false },
    });
    for (const name of named) expect(visibleText(direct)).toContain(name);
  });

  it('does not take a staff channel of another workspace for this one', async () => {
    const store = await sweptDemoStore();
    await markStaffChannel(store);
    const reply = await askIn(store, smit, 'samenvatting', {
      platform: 'slack',
      workspaceId: 'T2',
      conversation: { id: 'C1', shared: true },
    });
    for (const name of named) expect(visibleText(reply)).not.toContain(name);
  });

  it('refuses a student, and names nobody', async () => {
    const store = await sweptDemoStore();
    const reply = await askAs(store, daan, 'samenvatting');
    expect(reply.outcome).toBe('refused');
    expect(errorsOf(reply)).toEqual([
      translate('nl', 'access.commandNotForYou', { command: 'samenvatting' }),
    ]);
    for (const name of named) expect(visibleText(reply)).not.toContain(name);
  });

  it('refuses a subject teacher, who sees no wellbeing', async () => {
    const store = await sweptDemoStore();
    expect((await askAs(store, benali, 'samenvatting')).outcome).toBe('refused');
  });

  it('names to a mentor only her own students, and counts the others', async () => {
    const store = await sweptDemoStore();
    const reply = await askAs(store, yilmaz, 'samenvatting');
    expect(reply.blocks[0]).toEqual({ type: 'header', text: 'Samenvatting team Bovenbouw' });
    expect(section(reply, 'Groep 3T')).toContain('Milan Peters');
    expect(visibleText(reply)).not.toContain('Daan Visser');
    expect(section(reply, 'Groep 3H')).toContain('4 leerlingen met een open aandachtspunt');
  });
});

describe('sharing', () => {
  it('posts to a shared conversation with --delen, and is the asker’s alone otherwise', async () => {
    const store = await sweptDemoStore();
    expect((await askIn(store, smit, 'samenvatting --delen', sharedChannel)).visibility).toBe('visible');
    expect((await askIn(store, smit, 'samenvatting', sharedChannel)).visibility).toBe('ephemeral');
    const here = await askAs(store, smit, 'samenvatting --delen');
    expect(here.visibility).toBe('ephemeral');
    expect(visibleText(here)).toContain(translate('nl', 'summary.shareOnlyInChannel'));
  });
});

describe('scopes', () => {
  async function otherTeam(store: Store) {
    await arrangeIn(
      store,
      "insert into teams (school_id, name) select school_id, 'Onderbouw' from teams where name = 'Bovenbouw'",
    );
    await arrangeIn(
      store,
      `insert into groups (school_id, team_id, name, leerjaar, onderwijssoort)
        select school_id, id, '1A', 1, 'havo' from teams where name = 'Onderbouw'`,
    );
  }

  it('gives a group, the school, or another team to who may see them', async () => {
    const store = await sweptDemoStore();
    await otherTeam(store);
    const group = await askAs(store, smit, 'samenvatting 3h');
    expect(group.blocks[0]).toEqual({ type: 'header', text: 'Samenvatting groep 3H' });
    expect(visibleText(group)).toContain('Daan Visser');
    expect(visibleText(group)).not.toContain('Milan Peters');
    const school = await askAs(store, beheer, 'samenvatting');
    expect(school.blocks[0]).toEqual({ type: 'header', text: 'Samenvatting de hele school' });
    // An administrator holds no relationship to any student: counted, never named.
    for (const name of named) expect(visibleText(school)).not.toContain(name);
    expect((await askAs(store, smit, 'samenvatting onderbouw')).outcome).toBe('ok');
  });

  it('refuses a mentor a group outside her team, and writes the attempt down', async () => {
    const store = await sweptDemoStore();
    await otherTeam(store);
    const reply = await askAs(store, yilmaz, 'samenvatting 1A');
    expect(errorsOf(reply)).toEqual([translate('nl', 'summary.notYourScope')]);
    expect((await askAs(store, yilmaz, 'samenvatting school')).outcome).toBe('refused');
    expect(
      await rows(
        store,
        "select count(*) as n from audit_log where action = 'refused' and subject = 'samenvatting'",
      ),
    ).toEqual([{ n: 2 }]);
  });

  it('says which scopes there are for a word that names none', async () => {
    const store = await sweptDemoStore();
    const reply = await askAs(store, smit, 'samenvatting 9Z');
    expect(reply.outcome).toBe('refused');
    expect(errorsOf(reply)[0]).toContain('3H');
  });
});

describe('a group with fewer than five responses', () => {
  /** Only four students of 3T reflected in the period's weeks (2026-W44 … W47). */
  async function fourResponses(store: Store) {
    await arrangeIn(
      store,
      `delete from reflections where iso_week between '2026-W44' and '2026-W47'
        and student_id in (select s.id from students s join groups g on g.id = s.group_id where g.name = '3T')
        and student_id not in (
          select s.id from students s join groups g on g.id = s.group_id where g.name = '3T' order by s.id limit 4)`,
    );
  }

  it('shows the count only, in the team summary and on its own', async () => {
    const store = await sweptDemoStore();
    await fourResponses(store);
    const team = await askAs(store, smit, 'samenvatting');
    const t3 = section(team, 'Groep 3T');
    expect(t3).toContain('4 van de 25 leerlingen reflecteerden: te weinig om cijfers te tonen (minimaal 5).');
    expect(t3).not.toContain('%');
    expect(t3).not.toContain('Milan Peters');
    // The other groups still show theirs.
    expect(section(team, 'Groep 3H')).toContain('88%');
    const own = renderText(await askAs(store, smit, 'samenvatting 3T'));
    expect(own).toContain('4 van de 25 leerlingen reflecteerden');
    expect(own).not.toContain('%');
  });
});
