// Export formats, shared by the API's query schema, the service and the page's buttons.
export const EXPORT_FORMATS = ["md", "json", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
