/**
 * A failure the user caused or can fix, carried as a locale key and its parameters so that every
 * surface (terminal, Slack, Teams) shows it in the reader's language. Anything else that is
 * thrown is a bug and is reported with an error id instead.
 */
export class UserError extends Error {
  readonly key: string;
  readonly params: Record<string, string | number>;

  constructor(key: string, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(`${key} ${JSON.stringify(params)}`, options);
    this.name = 'UserError';
    this.key = key;
    this.params = params;
  }
}
