/**
 * Student mentions in Teams. A message says `<at>Yara Wijaya</at>`, and only its mention entity
 * says whom that is. The display name is no key (two students can share one), so each mention is
 * rewritten with the member's directory object id, the key Koers links Teams accounts by; the
 * student finder then matches that id and nothing else.
 */
import { type Activity, TeamsInfo, TurnContext } from 'botbuilder';
import { typedText } from './typed-text.ts';

type Mentioned = { id?: string; aadObjectId?: string };

async function objectIdOf(context: TurnContext, mentioned: Mentioned): Promise<string | undefined> {
  if (mentioned.aadObjectId) return mentioned.aadObjectId;
  if (!mentioned.id) return undefined;
  try {
    return (await TeamsInfo.getMember(context, mentioned.id)).aadObjectId;
  } catch (error) {
    // A member Teams will not describe is nobody Koers can name; other failures are failures.
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** The typed text with every mention other than Koers's own carrying its member's object id. */
export async function withMentionIds(context: TurnContext, text: string): Promise<string> {
  const activity: Partial<Activity> = context.activity;
  let result = text;
  for (const mention of TurnContext.getMentions(activity)) {
    const mentioned = mention.mentioned as Mentioned | undefined;
    if (!mentioned || mentioned.id === activity.recipient?.id || !mention.text) continue;
    const written = typedText(mention.text);
    if (!result.includes(written)) continue;
    const objectId = await objectIdOf(context, mentioned);
    const label = written.replace(/^<at[^>]*>|<\/at>$/gi, '');
    // Quotes cannot appear in a directory id; one that has them is no id of ours.
    const tagged = objectId && !objectId.includes('"') ? `<at id="${objectId}">${label}</at>` : written;
    result = result.replace(written, tagged);
  }
  return result;
}
