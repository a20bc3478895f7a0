/** The leads domain: forms visitors send from the widget, listed and exported in the dashboard. */
export { deleteLead } from "./delete-lead";
export { drainLeadNotifications } from "./lead-mail";
export { csvCell } from "../csv/csv";
export { CSV_COLUMNS, EXPORT_MAX_ROWS, leadsCsv, leadsToCsv } from "./leads-csv";
export { LEADS_PAGE_SIZE, listLeadBots, listLeads, ZLeadFilters, type TLeadFilters, type TLeadRow } from "./list-leads";
export { LEAD_SESSION_LIMIT, submitLead, type TLeadTarget } from "./submit-lead";
export { LEAD_SOURCES, validateLead, type TLeadSource } from "./validate-lead";
