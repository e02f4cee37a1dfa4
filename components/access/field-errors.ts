// The server's field errors of a failed form submit, by field name (problem+json `errors`).
import { ApiProblem } from "@/lib/client/api-fetch";

export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  return Object.fromEntries(error.errors.map((e) => [e.field.replace(/^body\./, ""), e.message]));
}
