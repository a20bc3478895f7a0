/** The conversations domain in the dashboard: transcript list, detail, export, delete and retention. */
export { deleteConversation } from "./delete-conversation";
export { CONVERSATIONS_CSV_COLUMNS, conversationsToCsv, EXPORT_FORMATS, EXPORT_MAX_CONVERSATIONS, exportConversations, type TExportFormat } from "./export-conversations";
export { getConversationTranscript, TRANSCRIPT_MAX_MESSAGES, type TConversationTranscript, type TTranscriptMessage } from "./get-conversation-transcript";
export { getRatingStats } from "./get-rating-stats";
export { listConversationFilterOptions } from "./list-conversation-filter-options";
export {
  CONVERSATION_FILTER_KEYS, CONVERSATION_STATUSES, CONVERSATIONS_PAGE_SIZE, listConversations, RATING_FILTERS, ZConversationFilters,
  type TConversationFilters, type TConversationRow,
} from "./list-conversations";
export { purgeExpiredConversations, type TPurgeReport } from "./purge-expired-conversations";
