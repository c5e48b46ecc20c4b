/**
 * The port every platform implements, as a Bolt receiver does for Bolt: routes on Koers's one
 * HTTP server (or a connection of its own), a sender for the outbox, start and stop. Between an
 * event and its answer an adapter only translates: it tells the conversation pipeline
 * (src/engine/turn.ts) who is asking (`identify`) and carries the neutral Reply back
 * (`render`); routing, failures, visibility and audit are the pipeline's.
 */

import type { Config } from '../config.ts';
import type { Platform } from '../domain/enums.ts';
import type { Clock } from '../engine/clock.ts';
import type { Command } from '../engine/command.ts';
import type { Identity } from '../engine/turn.ts';
import type { Translator } from '../i18n/translate.ts';
import type { PlatformSender } from '../outbox/platform-sender.ts';
import type { Reply } from '../reply/reply.ts';
import type { Route } from '../server/http-server.ts';
import type { Store } from '../store/database.ts';

/**
 * `Asker` is what the platform knows of the person behind an event (a Slack user id and its web
 * client, a Teams turn); `Rendered` is what the platform shows (Block Kit messages, Adaptive
 * Cards, HTML).
 */
export type PlatformAdapter<Asker = never, Rendered = unknown> = {
  platform: Platform;
  /** Mounted on the shared server; none for a platform that connects out (Slack's Socket Mode). */
  routes: readonly Route[];
  /** Who is asking, or why they get nothing: the platform's answer to the pipeline. */
  identify(asker: Asker): Promise<Identity>;
  render(reply: Reply): Rendered;
  /**
   * How the outbox reaches people here; `ratePerSecond` is the operator's ceiling, if any. None
   * when Koers sends nothing through this platform (Teams served to a local bot emulator).
   */
  sender?(options: { ratePerSecond?: number }): Promise<PlatformSender>;
  /** The start lines for the operator: where it listens, and what it accepts. */
  announce(t: Translator, baseUrl: string): string[];
  /**
   * Koers's time when this platform keeps its own (the playground in local mode runs ahead to show
   * a week in a minute): the scheduler then reads it too. Absent: the real time.
   */
  clock?: Clock;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export type AdapterDeps = {
  store: Store;
  commands: readonly Command[];
  config: Config;
};

/**
 * A platform in the adapter list (src/platforms/adapters.ts). `create` imports the platform's SDK,
 * so that a deployment pays only for the platforms it has configured.
 */
export type PlatformEntry = {
  platform: Platform;
  /** Whether this platform is served (its routes, its listeners). */
  configured(config: Config): boolean;
  /** Whether the outbox sends through it; `koers jobs run` creates only these. */
  sends(config: Config): boolean;
  // why `any`: the list holds adapters of different Asker types; start.ts uses only the
  // Asker-free members (routes, sender, announce, start, stop).
  // biome-ignore lint/suspicious/noExplicitAny: see above
  create(deps: AdapterDeps): Promise<PlatformAdapter<any>>;
};

/** Local mode: no chat platform is configured, and Koers runs on its own (the playground). */
export const localMode = (config: Config): boolean => !config.slack && !config.teams;

/** The playground is served in local mode, and beside a real platform with KOERS_PLAYGROUND=1. */
export const playgroundServed = (config: Config): boolean => localMode(config) || config.playground;
