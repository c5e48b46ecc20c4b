/**
 * The platforms' documented limits, in one place, with where each comes from. A renderer keeps to
 * them itself: Slack and Teams refuse a whole message for one text a character too long.
 */

/**
 * Slack, in characters (UTF-16 units) or items, from the Block Kit reference
 * (docs.slack.dev/reference/block-kit): blocks, block elements and composition objects.
 */
export const SLACK_LIMITS = {
  /** Blocks in a message (chat.postMessage, response_url). */
  messageBlocks: 50,
  /** Blocks in a modal or Home tab view. */
  viewBlocks: 100,
  /** A section's text; also a context element's text. */
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  /** action_id, block_id and a view's callback_id. */
  actionId: 255,
  buttonValue: 2000,
  /** A modal's title, submit and close labels. */
  modalTitle: 24,
  fieldsPerSection: 10,
  /** A section field's text; also an input block's label and hint. */
  fieldText: 2000,
  actionsElements: 25,
  privateMetadata: 3000,
  /** An option's text, and an option group's label. */
  optionText: 75,
  /** Options in a select without groups, and options in each option group. */
  staticSelectOptions: 100,
  contextElements: 10,
} as const;

/** Slack limits that bound ids and groups rather than texts: never cut, so kept apart. */
export const SLACK_ID_LIMITS = {
  /** An option's value: an id, so a longer one is an error, not a cut. */
  optionValue: 150,
  /** Option groups in one select, each of at most `staticSelectOptions` options. */
  optionGroups: 100,
  /** A plain_text_input's initial value and max_length. */
  textInput: 3000,
} as const;

/**
 * Microsoft Teams: a bot's message is refused with 413 MessageSizeTooBig past its size limit. The
 * documented number has moved (40 KB, then about 100 KB for bots), while Power Automate and
 * connectors keep to about 28 KB; Koers keeps to the smallest, which every route accepts.
 */
export const TEAMS_LIMITS = {
  messageBytes: 28 * 1024,
  /**
   * Bytes of one card as JSON: well under a message, because the activity around the card (ids,
   * channel data) counts too.
   */
  cardBytes: 24_000,
  /** Teams' host config shows at most 5 actions in a set; the parser reports a sixth as an error. */
  actionsPerSet: 5,
} as const;
