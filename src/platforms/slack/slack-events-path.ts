/** Where Slack sends commands, interactions and events: the manifest's URLs and the server's route. */
export const SLACK_EVENTS_PATH = '/slack/events';
