/** The playground's addresses on the shared server, in one place for its routes and its pages. */
export const PLAYGROUND_PATHS = {
  home: '/',
  person: '/persoon',
  channel: '/kanaal',
  command: '/persoon/opdracht',
  button: '/persoon/knop',
  form: '/persoon/formulier',
  clock: '/klok',
  reset: '/opnieuw',
  styles: '/speelplaats.css',
} as const;

export const personUrl = (userId: string) => `${PLAYGROUND_PATHS.person}?als=${encodeURIComponent(userId)}`;
export const channelUrl = (channelId: string) =>
  `${PLAYGROUND_PATHS.channel}?id=${encodeURIComponent(channelId)}`;
