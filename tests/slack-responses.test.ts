/** A Slack answer through a response_url, which takes five messages. */
import { describe, expect, it } from 'vitest';
import { withinResponses } from '../src/platforms/slack/slack-listeners.ts';
import { renderMessages } from '../src/render/block-kit.ts';
import { reply } from '../src/reply/reply.ts';

const long = (count: number) =>
  reply.parse({
    locale: 'en',
    blocks: Array.from({ length: count }, (_, i) => ({ type: 'text', text: `Line ${i + 1}` })),
  });

describe('a long answer in Slack', () => {
  it('keeps four messages and says in the fifth how much was left out', () => {
    const all = renderMessages(long(400));
    expect(all.length).toBeGreaterThan(5);
    const sent = withinResponses(long(400));
    expect(sent).toHaveLength(5);
    expect(sent.slice(0, 4)).toEqual(all.slice(0, 4));
    expect(sent[4]?.text).toBe(
      `This answer is too long for Slack: above are 4 of its ${all.length} parts. Ask for less at once, for example one student or one group.`,
    );
  });

  it('sends a short answer whole', () => {
    expect(withinResponses(long(3))).toEqual(renderMessages(long(3)));
  });
});
