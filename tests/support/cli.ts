import { main } from '../../src/cli/main.ts';

export type CliResult = { code: number; out: string; err: string };

/** Runs `koers <args>` in-process, with only the environment given (no inherited KOERS_*). */
export async function koers(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
