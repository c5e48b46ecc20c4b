/** Where the Bot Connector posts activities (PRODUCT.md section 5). */
export const TEAMS_MESSAGES_PATH = '/api/messages';
